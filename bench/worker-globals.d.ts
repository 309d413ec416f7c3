// The worker modules the benches import (to render the worker's own SQL) name
// Workers' global KV type; Node has no such global, so borrow its declaration.
type KVNamespace = import('@cloudflare/workers-types/index.ts').KVNamespace;
