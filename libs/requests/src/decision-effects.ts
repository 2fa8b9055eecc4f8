import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Request } from './entities/request.entity';

/**
 * What a decision does beyond the file, per service: verify a business link (DAJI), publish a job
 * offer (DEL)… Runs inside the transaction that records the decision, so both commit together.
 */
export interface DecisionEffect {
  /** Service codes this effect belongs to. */
  readonly serviceCodes: readonly string[];
  /** Called once the file reached a final status (approved, rejected, closed, withdrawn). */
  apply(manager: EntityManager, request: Request): Promise<void>;
}

@Injectable()
export class DecisionEffects {
  private readonly effects: DecisionEffect[] = [];

  register(effect: DecisionEffect): void {
    this.effects.push(effect);
  }

  async apply(manager: EntityManager, request: Request): Promise<void> {
    for (const effect of this.effects) {
      if (effect.serviceCodes.includes(request.serviceCode)) await effect.apply(manager, request);
    }
  }
}
