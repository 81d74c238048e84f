/** One tRPC call over HTTP (`POST /trpc/<path>`, no batching): setup only, never on the measured path. */
export async function trpcHttp<T>(httpBase: string, path: string, input: unknown, token?: string): Promise<T> {
  const res = await fetch(`${httpBase}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input ?? {}),
  });
  const json = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !json.result) throw new Error(`${path}: ${res.status} ${json.error?.message ?? ''}`);
  return json.result.data;
}
