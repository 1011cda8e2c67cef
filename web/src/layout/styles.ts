/** One small stylesheet: readable, high contrast (AA), visible focus, works without JavaScript. */
export const STYLES = `
:root { --ink:#1b1b1b; --muted:#3a3a3a; --bg:#ffffff; --brand:#00487a; --brand-ink:#ffffff; --line:#c8c8c8;
  --ok:#16632a; --warn:#8a4b00; --err:#b00020; --soft:#f2f5f8; font-family: system-ui, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:var(--bg); line-height:1.5; font-size:1.0625rem; }
a { color:var(--brand); }
:focus-visible { outline:3px solid #ffbf47; outline-offset:2px; }
.skip { position:absolute; left:-999px; top:0; background:#ffbf47; color:#000; padding:.5rem 1rem; }
.skip:focus { left:0; z-index:10; }
header.site { background:var(--brand); color:var(--brand-ink); }
header.site .wrap { display:flex; gap:1rem; align-items:center; justify-content:space-between; flex-wrap:wrap; }
header.site a { color:var(--brand-ink); }
header.site nav ul { list-style:none; display:flex; gap:1rem; margin:0; padding:0; flex-wrap:wrap; }
.wrap { max-width:72rem; margin:0 auto; padding:1rem; }
main { min-height:60vh; }
footer.site { border-top:1px solid var(--line); color:var(--muted); font-size:.9rem; }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(16rem,1fr)); gap:1rem; padding:0; list-style:none; }
.card { border:1px solid var(--line); border-radius:.5rem; padding:1rem; background:var(--soft); }
.card h3 { margin-top:0; }
.button, button { display:inline-block; background:var(--brand); color:var(--brand-ink); border:0; border-radius:.375rem;
  padding:.6rem 1rem; font-size:1rem; text-decoration:none; cursor:pointer; }
.button.secondary, button.secondary { background:#fff; color:var(--brand); border:2px solid var(--brand); }
label { display:block; font-weight:600; margin-top:.75rem; }
input, select, textarea { font:inherit; padding:.45rem; border:1px solid #6b6b6b; border-radius:.25rem; width:100%; max-width:32rem; }
.error { color:var(--err); font-weight:600; }
.field-error { color:var(--err); margin:.25rem 0 0; }
.status { display:inline-block; padding:.1rem .5rem; border-radius:1rem; background:#e6eef5; color:#00345a; font-size:.9rem; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:.4rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
.sr-only { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
`;

/** Page furniture added with the role pages. */
export const MORE_STYLES = `
.hint { color:var(--muted); font-weight:400; margin:.15rem 0; font-size:.95rem; }
.eyebrow { color:var(--muted); margin-bottom:0; }
.two-col { display:grid; grid-template-columns:minmax(0,2fr) minmax(16rem,1fr); gap:2rem; align-items:start; }
@media (max-width: 50rem) { .two-col { grid-template-columns:1fr; } }
.actions { display:flex; gap:.75rem; flex-wrap:wrap; margin-top:1rem; align-items:center; }
.alert { border-left:6px solid var(--brand); background:var(--soft); padding:.75rem 1rem; margin:1rem 0; }
.alert.ok { border-color:var(--ok); }
.alert.error-summary { border-color:var(--err); }
.alert h2 { margin-top:0; font-size:1.15rem; }
.field.has-error input, .field.has-error select, .field.has-error textarea { border:2px solid var(--err); }
fieldset { border:1px solid var(--line); border-radius:.375rem; margin:1rem 0; padding:.5rem 1rem 1rem; }
fieldset.row { background:#fafafa; }
legend { font-weight:700; padding:0 .25rem; }
.check, .radio { display:flex; gap:.5rem; align-items:center; margin:.4rem 1rem .4rem 0; }
.radio { display:inline-flex; }
.check input, .radio input { width:auto; }
.check label, .radio label { margin:0; font-weight:400; display:inline; }
.steps { list-style:none; padding:0; display:flex; gap:.5rem; flex-wrap:wrap; counter-reset:step; }
.steps li { counter-increment:step; border:1px solid var(--line); border-radius:1rem; padding:.1rem .75rem; }
.steps li::before { content:counter(step) ". "; }
.steps li.current { background:var(--brand); color:#fff; }
.steps li.current a { color:#fff; font-weight:700; }
.tabs, .counts { list-style:none; padding:0; display:flex; flex-wrap:wrap; gap:.5rem; }
.tabs a, .counts a { display:inline-block; padding:.3rem .7rem; border:1px solid var(--brand); border-radius:.375rem; text-decoration:none; }
.tabs a[aria-current], .counts a[aria-current] { background:var(--brand); color:#fff; }
.count { display:inline-block; min-width:1.5rem; text-align:center; background:#e6eef5; color:#00345a; border-radius:1rem; }
.filters { display:flex; flex-wrap:wrap; gap:1rem; align-items:flex-end; }
.filters .field { min-width:12rem; }
.reasons { list-style:none; padding-left:0; }
.reasons li { margin-bottom:.35rem; }
.outcome .icon, .reasons .icon { display:inline-block; width:1.2em; text-align:center; font-weight:700; }
.reasons li.eligible { color:var(--ok); }
.reasons li.not_eligible { color:var(--err); }
.reasons li.to_review { color:var(--warn); }
.outcome.eligible { color:var(--ok); font-weight:700; }
.outcome.not_eligible { color:var(--err); font-weight:700; }
.outcome.to_review { color:var(--warn); font-weight:700; }
.timeline { border-left:3px solid var(--brand); padding-left:1.5rem; }
.timeline li { margin-bottom:.75rem; }
.timeline .why, .timeline .detail { margin:.2rem 0; color:var(--muted); }
dl { display:grid; grid-template-columns:minmax(10rem,1fr) 2fr; gap:.25rem 1rem; }
dt { font-weight:600; } dd { margin:0; }
.checklist { list-style:none; padding-left:0; }
.checklist .done { color:var(--ok); }
form.inline { display:inline; }
button.link { background:none; border:0; border-radius:0; padding:0; color:var(--brand); text-decoration:underline; font:inherit; cursor:pointer; }
.steps li.current button.link { color:#fff; font-weight:700; }
[hidden] { display:none !important; }
@media (max-width: 50rem) { .two-col { grid-template-columns:minmax(0,1fr); } }
dd { overflow-wrap:anywhere; }
@media (max-width: 30rem) { dl { grid-template-columns:minmax(0,1fr); } dd { margin-bottom:.5rem; } }
button.small, .button.small, a.small { font-size:.9rem; padding:.3rem .6rem; }
progress { width:100%; max-width:32rem; height:1.25rem; }
.envelopes { list-style:none; padding:0; }
.envelope h3 { margin-bottom:.25rem; font-size:1.05rem; }
.bar { display:block; width:100%; height:1.25rem; background:#d9e7d9; border:1px solid #6b6b6b; max-width:40rem; }
svg.chart { max-width:40rem; }
.bar .paid, .swatch.paid { background:#16632a; }
.bar .committed, .swatch.committed { background:#00487a; }
.swatch { display:inline-block; width:1rem; height:1rem; vertical-align:middle; border:1px solid #6b6b6b; }
.swatch.available { background:#d9e7d9; }
.swatch.granted { background:#00487a; }
.values { margin:.25rem 0 1rem; }
blockquote { border-left:4px solid var(--line); margin:.5rem 0; padding-left:1rem; }
article.agenda { margin-bottom:1rem; }
@media (max-width: 40rem) {
  table.stack thead { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
  table.stack tr { display:block; border-bottom:1px solid var(--line); padding:.4rem 0; }
  table.stack td { display:block; border:0; padding:.1rem 0; }
  table.stack td[data-label]::before { content:attr(data-label) " : "; font-weight:600; }
}
/* Administration: figures still « par défaut » stand out wherever staff read them. */
.default-figure { background:#fff4e0; border-left:4px solid var(--warn); }
.default-mark { color:var(--warn); }
div.figure { padding:.25rem .75rem .75rem; margin:.5rem 0; }
`;
