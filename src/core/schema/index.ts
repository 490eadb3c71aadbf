export * from './violation';
export * from './schema-error';
export * from './ohlcv';
export * from './infer-interval';
