export { LocalPullRequestPlatform, type LocalPlatformOptions, type LocalPullRequest } from './local-platform.js';
