export { GitHubPlatform, GitHubError, type GitHubPlatformOptions } from './github-platform.js';
export type { GitHubAuth, GitHubClientOptions } from './create-octokit.js';
