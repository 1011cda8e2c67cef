/**
 * The one definition of the table's keys and secondary indexes. The CDK stateful stack and
 * the local stack (DynamoDB Local, tests) both build the table from it, so they cannot drift.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Epoch seconds after which DynamoDB may delete an item (idempotency records, kept 30 days). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** What the index serves; read by people, not code. */
  readonly purpose: string;
}

export const GLOBAL_SECONDARY_INDEXES: readonly IndexDefinition[] = [
  {
    indexName: 'byStatus',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    purpose: 'Files d’instruction par dispositif et statut (SCHEME#x#STATUS#y), triées par date de dépôt',
  },
  {
    indexName: 'byAssignee',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    purpose: 'Dossiers « assignés à moi » par instructeur',
  },
  {
    indexName: 'byOwner',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    purpose: 'Dossiers d’un demandeur',
  },
  {
    indexName: 'byParent',
    partitionKey: 'gsi4pk',
    sortKey: 'gsi4sk',
    purpose: 'Ordre du jour d’une séance, engagements par période, versements par engagement',
  },
  // Personal data (issue 20): what the retention job must look at, by kind and clock start.
  {
    indexName: 'byRetention',
    partitionKey: 'gsi5pk',
    sortKey: 'gsi5sk',
    purpose:
      'Conservation des données : dossiers par état et date de départ du délai (RETENTION#<état>), purges en cours, consultations par date, bordereaux visés',
  },
];

/** Input for CreateTable on DynamoDB Local (on AWS the CDK builds the same shape). */
export function createTableInput(tableName: string) {
  const attributeNames = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...GLOBAL_SECONDARY_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeNames.map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: GLOBAL_SECONDARY_INDEXES.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
