/** Runs once before the suite; integration files create their own databases (see test-server.ts). */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
}
