import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last reference number given in a year (PS-<year>-<number>), incremented under a row lock. */
@Entity('reference_counters')
export class ReferenceCounter {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastNumber: number;
}
