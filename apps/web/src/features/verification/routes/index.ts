import type { RouteObject } from 'react-router';

// Public, no sign-in: anyone shown a receipt or a decision letter checks its seal here (the QR code leads here).
export const verificationRoutes: RouteObject[] = [{ path: 'verifier', lazy: async () => ({ Component: (await import('./VerifierPage')).VerifierPage }) }];
