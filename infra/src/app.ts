import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface AidesStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * Both stacks, env-agnostic (no lookups: synth needs no AWS credentials), configured from the
 * context: `webOrigin` (https origin of the web pages) and `cognitoDomainPrefix`.
 */
export function addStacks(app: App, options: { nag?: boolean } = {}): AidesStacks {
  const context = (name: string): string | undefined => {
    const value = app.node.tryGetContext(name);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const webOrigin = context('webOrigin')?.replace(/\/+$/, '');
  const stateful = new StatefulStack(app, 'AidesStateful', {
    description: 'Aides et dossiers : table, pièces jointes, clé KMS (conservées)',
    webOrigin,
  });
  const stateless = new StatelessStack(app, 'AidesStateless', {
    description: 'Aides et dossiers : fonctions, API HTTP, Cognito, pages web',
    table: stateful.table,
    bucket: stateful.bucket,
    key: stateful.key,
    bucketArnExportName: stateful.bucketArnExportName,
    webOrigin,
    cognitoDomainPrefix: context('cognitoDomainPrefix'),
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stateful, stateless };
}
