// Pure domain logic of requests: no database, no Nest. Services and the worker build on these.
export * from './assert-never';
export * from './deadline-calendar';
export * from './form-schema';
export * from './french-format';
export * from './nc-formats';
export * from './request-workflow';
