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
