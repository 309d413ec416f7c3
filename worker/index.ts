import { Pool, neonConfig } from '@neondatabase/serverless';
export default {
  async fetch(req: Request, env: any, ctx: ExecutionContext) {
    if (env.DATABASE_WS_PROXY) {
      neonConfig.wsProxy = (host: string, port: number | string) => `${env.DATABASE_WS_PROXY}/v2?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineConnect = false;
    }
    const pool = new Pool({ connectionString: env.DATABASE_URL });
    const r = await pool.query('select 1 as one, version() as v');
    ctx.waitUntil(pool.end());
    return Response.json(r.rows);
  },
};
