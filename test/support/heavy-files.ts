/**
 * The files that take most of `npm test`'s time (the slowest-tests reporter's figures, on two
 * cores), heaviest first. `npm test` starts them first, so that the last minutes are not one long
 * file running alone; `npm run test:quick` leaves them out (CI still runs everything).
 */
export const HEAVY_FILES = [
  'test/e2e/**', // two Chromium journeys through every role, ≈ 40 s
  'test/notifications/thousand.test.ts', // 1,000 e-mails through the stream and SMTP, ≈ 50 s
  'test/adversarial/fuzz-bodies.test.ts', // 10,000 hostile bodies, ≈ 20 s
  'test/seed.test.ts', // the whole demo data through the use cases, ≈ 19 s
  'test/adversarial/envelope-race.test.ts', // 1,000 concurrent decisions, ≈ 16 s
  'test/adversarial/faults.test.ts', // a failure injected at every store call, ≈ 12 s
  'test/start.test.ts', // `npm start` as a process tree, ≈ 11 s
  'test/local-stack.test.ts', // DynamoDB Local restarted on disk, ≈ 9 s
  'infra/**', // CDK synth and esbuild bundles, ≈ 6 s
] as const;
