/** An elimination list (bordereau d'élimination) as stored and shown. */
export interface EliminationList {
  id: string;
  createdAt: string;
  status: 'proposed' | 'approved' | 'purged';
  rule: string;
  count: number;
  /** The archives' visa, recorded by an admin. */
  visaReference?: string;
  visaDate?: string;
  approvedAt?: string;
  approvedBy?: string;
  approvedByName?: string;
  purgedAt?: string;
}

/** One line of a list: what the archives service reads before giving its visa. */
export interface EliminationEntry {
  listId: string;
  dossierId: string;
  reference: string;
  scheme: string;
  status: string;
  /** When its clock started (balance or lapse) and when it became due. */
  closedAt: string;
  dueAt: string;
  decisionAt?: string;
  totalGrantedCents: number;
}

/** A staff access to personal data. */
export interface AccessEvent {
  id: string;
  at: string;
  actorSub: string;
  actorName: string;
  actorRoles: string[];
  kind: 'open_dossier' | 'download_file' | 'export' | 'personal_export';
  /** Which route it came through (method and path). */
  route: string;
  dossierId?: string;
  reference?: string;
  personSub?: string;
  /** What was read, in French (file name, export period…). */
  what: string;
  subject: string;
}
