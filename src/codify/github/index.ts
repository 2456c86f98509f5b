export { GitHubPlatform, GitHubError, type GitHubPlatformOptions } from './github-platform.js';
export type { GitHubAuth, GitHubClientOptions } from './create-octokit.js';
export { createGitHubPlatform, githubAuthFrom, GitHubSettingsError, type GitHubCredentials } from './create-github-platform.js';
