import type { RouteObject } from 'react-router';

// The paths the API's emails link to (verification, password reset) are part of its contract.
export const authRoutes: RouteObject[] = [
  { path: 'inscription', lazy: async () => ({ Component: (await import('./RegisterPage')).RegisterPage }) },
  { path: 'verifier-email', lazy: async () => ({ Component: (await import('./VerifyEmailPage')).VerifyEmailPage }) },
  { path: 'connexion', lazy: async () => ({ Component: (await import('./SignInPage')).SignInPage }) },
  // The redirect URI registered at each identity provider (OIDC_<ID>_…): part of the contract too.
  { path: 'connexion/oidc/:provider', lazy: async () => ({ Component: (await import('./OidcCallbackPage')).OidcCallbackPage }) },
  { path: 'mot-de-passe-oublie', lazy: async () => ({ Component: (await import('./ForgotPasswordPage')).ForgotPasswordPage }) },
  { path: 'reinitialiser-mot-de-passe', lazy: async () => ({ Component: (await import('./ResetPasswordPage')).ResetPasswordPage }) },
];
