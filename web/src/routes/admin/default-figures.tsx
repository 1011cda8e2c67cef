/** Shown to staff wherever a rule set's figures are used, until a deliberation replaces them. */
export function DefaultFiguresNote(p: { count: number; version: string | undefined }) {
  return (
    <p class="default-figure">
      <strong class="default-mark">
        {p.count} chiffre{p.count > 1 ? 's' : ''} du règlement {p.version ?? ''} encore « par défaut, à
        confirmer par délibération »
      </strong>{' '}
      : le montant en dépend.
    </p>
  );
}
