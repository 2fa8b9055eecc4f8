import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@portal/common';
import { AppConfig, OidcProviderConfig } from '@portal/config';
import { BaseClient, custom, Issuer } from 'openid-client';

// A provider that does not answer must not hold a sign-in (or a worker) for long.
custom.setHttpOptionsDefaults({ timeout: 5000 });
// Seconds of clock difference accepted on an ID token's iat / exp / nbf.
const CLOCK_TOLERANCE_SECONDS = 5;

export interface OidcProviderSummary {
  id: string;
  name: string;
}

/**
 * The configured OpenID Connect providers and their clients (openid-client), each discovered from
 * its issuer's `/.well-known/openid-configuration` on first use and kept; a failed discovery is tried
 * again at the next sign-in. The provider's keys (JWKS) are fetched and refreshed by openid-client.
 */
@Injectable()
export class OidcClients {
  private readonly logger = new Logger(OidcClients.name);
  private readonly clients = new Map<string, Promise<BaseClient>>();

  constructor(private readonly config: AppConfig) {}

  list(): OidcProviderSummary[] {
    return this.config.oidcProviders.map(({ id, name }) => ({ id, name }));
  }

  provider(id: string): OidcProviderConfig {
    const provider = this.config.oidcProviders.find((p) => p.id === id);
    if (!provider) throw new DomainError('OIDC_PROVIDER_UNKNOWN');
    return provider;
  }

  /** Where the provider sends the browser back: one web page for sign-in and linking alike. */
  redirectUri(id: string): string {
    return `${this.config.PUBLIC_URL}/connexion/oidc/${id}`;
  }

  async client(id: string): Promise<BaseClient> {
    const provider = this.provider(id);
    let client = this.clients.get(id);
    if (!client) {
      client = this.discover(provider);
      this.clients.set(id, client);
      client.catch(() => this.clients.delete(id));
    }
    return client.catch((error: unknown) => {
      this.logger.warn(`OpenID provider ${id} unavailable: ${(error as Error).message}`);
      throw new DomainError('OIDC_PROVIDER_UNAVAILABLE');
    });
  }

  private async discover(provider: OidcProviderConfig): Promise<BaseClient> {
    const issuer = await Issuer.discover(provider.issuer);
    const client = new issuer.Client({
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      redirect_uris: [this.redirectUri(provider.id)],
      response_types: ['code'],
    });
    client[custom.clock_tolerance] = CLOCK_TOLERANCE_SECONDS;
    return client;
  }
}
