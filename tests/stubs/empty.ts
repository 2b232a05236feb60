// Stands in for "server-only" under vitest, where no bundler provides the react-server condition.
export {};
