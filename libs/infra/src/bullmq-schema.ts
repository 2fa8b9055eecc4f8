/** The PostgreSQL schema holding BullMQ's tables in embedded mode (no imports: the launcher uses it). */
export const bullmqSchema = (queuePrefix: string): string => `bullmq_${queuePrefix}`;
