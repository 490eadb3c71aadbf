export * from './period-grid';
export * from './trading-week';
export * from './ohlcv-coverage';
