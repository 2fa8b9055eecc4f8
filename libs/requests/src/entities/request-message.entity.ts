import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Request } from './request.entity';

/** A message between the applicant and the directorate, visible to both. */
@Entity('request_messages')
@Index('request_messages_request_idx', ['requestId', 'createdAt'])
export class RequestMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => Request, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Request;

  @Column({ type: 'uuid' })
  authorId: string;

  /** `applicant` or `agent`: the side the author speaks for. */
  @Column({ type: 'text' })
  authorSide: 'applicant' | 'agent';

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
