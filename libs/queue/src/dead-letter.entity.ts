import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';


/** A job that failed for good. Admins list and replay these; the file's state never depends on them. */
@Entity('dead_letters')
export class DeadLetter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  jobId: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, string | number | boolean | null>;

  @Column({ type: 'text' })
  error: string;

  @Column({ type: 'int' })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  failedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  replayedAt: Date | null;
}
