// Pure domain logic of requests: no database, no Nest. Services and the worker build on these.
export * from './request-workflow';
