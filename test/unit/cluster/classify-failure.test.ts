import { describe, expect, it } from '@jest/globals';
import { classifyHttpFailure, type Disposition, type HttpFailure } from '../../../src/cluster/index.js';

describe('classifyHttpFailure', () => {
  const cases: [HttpFailure, Disposition][] = [
    [{ status: 500 }, 'retry'],
    [{ status: 503 }, 'retry'],
    [{ status: 504 }, 'retry'],
    [{ status: 429 }, 'retry'],
    [{ status: 408 }, 'retry'],
    [{ status: 409 }, 'retry'],
    [{ status: 410 }, 'retry'],
    [{ status: 401 }, 'stall'],
    [{ status: 403 }, 'stall'],
    [{ status: 400 }, 'stall'],
    [{ status: 422 }, 'stall'],
    [{ status: 404 }, 'wait'],
    [{ code: 'ECONNRESET' }, 'retry'],
    [{ code: 'ECONNREFUSED' }, 'retry'],
    [{ code: 'TimeoutError' }, 'retry'],
    [{ code: 'UND_ERR_SOCKET' }, 'retry'],
    [{ code: 'ENOTFOUND' }, 'wait'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'stall'],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'stall'],
    [{}, 'wait'],
  ];
  it.each(cases)('%j is %s', (failure, disposition) => {
    expect(classifyHttpFailure(failure)).toBe(disposition);
  });
});
