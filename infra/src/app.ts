import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EdgeStack } from './edge-stack.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface AidesStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly edge: EdgeStack;
}

/**
 * Both stacks, env-agnostic (no lookups: synth needs no AWS credentials), configured from the
 * context: `webOrigin` (https origin of the web pages), `cognitoDomainPrefix` and `apiDomain`
 * (the HTTP API's domain, for CloudFront in AidesEdge).
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
    mailFrom: context('mailFrom'),
  });
  // CloudFront's web ACL must live in us-east-1; the API's domain is passed as context or parameter.
  const edge = new EdgeStack(app, 'AidesEdge', {
    description: 'Aides et dossiers : CloudFront, WAF, en-têtes de sécurité',
    env: { region: 'us-east-1' },
    apiDomain: context('apiDomain'),
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stateful, stateless, edge };
}
