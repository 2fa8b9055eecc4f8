import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DIRECTORATE_CODES = ['DEL', 'DDET', 'DAJI'] as const;
export type DirectorateCode = (typeof DIRECTORATE_CODES)[number];

/** A directorate of province Sud that processes files (seeded: DEL, DDET, DAJI). */
@Entity('directorates')
export class Directorate {
  @PrimaryColumn({ type: 'text' })
  code: DirectorateCode;

  @Column({ type: 'text' })
  name: string;
}
