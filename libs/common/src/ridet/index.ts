export * from './invalid-ridet.error';
export * from './ridet';
