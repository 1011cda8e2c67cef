/**
 * Small progressive enhancements; every page works without them.
 * - Error summaries: focused when the page loads.
 * - Step forms: re-fetch the estimate (an HTML fragment, computed without saving) when a field
 *   changes; warn before leaving with unsaved typing by any way other than the form's buttons.
 * - Uploads: straight to S3 with the presigned POST, a progress bar, then confirmation. If the
 *   direct upload cannot start (network, CORS), the form is sent to the server, which forwards it.
 * - Imports: a run that stopped after a slice (a request's time) is sent again at once, slice
 *   after slice until it is done; leaving the page pauses it, the button resumes it.
 */
export const SCRIPT = `(() => {
  'use strict';
  const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];
  const MAX = 20 * 1024 * 1024;

  // A refused form's summary sits at the top of the page: focus it (autofocus may be ignored).
  const summary = document.querySelector('.error-summary');
  if (summary && document.activeElement === document.body) summary.focus();

  for (const form of document.querySelectorAll('form[data-estimate]')) {
    let timer;
    let asked = 0;
    const refresh = async () => {
      const target = document.getElementById('estimation');
      if (!target) return;
      const body = new URLSearchParams(new FormData(form));
      const mine = ++asked;
      try {
        // Computes from the form without saving: answers may come in any order, the last asked wins.
        const res = await fetch(form.dataset.estimate, { method: 'POST', body, credentials: 'same-origin' });
        const text = await res.text();
        if (mine !== asked) return;
        const tpl = document.createElement('template');
        tpl.innerHTML = text;
        const fresh = tpl.content.querySelector('#estimation');
        const current = document.getElementById('estimation');
        if (res.ok && fresh && current) current.replaceWith(fresh);
      } catch (e) { /* the estimate is refreshed on "Suivant" anyway */ }
    };
    form.addEventListener('change', () => { clearTimeout(timer); timer = setTimeout(refresh, 300); });
    // Leaving the page another way than through the form's buttons: say that typing would be lost.
    let dirty = false;
    form.addEventListener('input', () => { dirty = true; });
    form.addEventListener('change', () => { dirty = true; });
    form.addEventListener('submit', () => { dirty = false; });
    window.addEventListener('beforeunload', (ev) => { if (dirty) { ev.preventDefault(); ev.returnValue = ''; } });
  }

  // QPV: offer only the quartiers of the chosen commune (the eligibility check holds it anyway).
  const qpv = document.querySelector('select[name="qpvCode"]');
  const commune = document.querySelector('select[name="address.communeInsee"]');
  if (qpv && commune) {
    const keepCommune = () => {
      const name = commune.selectedIndex > 0 ? commune.options[commune.selectedIndex].text : '';
      for (const o of qpv.options) if (o.value) o.hidden = Boolean(name) && !o.text.startsWith(name + ' — ');
    };
    commune.addEventListener('change', keepCommune);
    keepCommune();
  }

  // An import that stopped after its slice goes on by itself (each slice resumes where the last
  // one stopped); the form is not there once it is done, nor after a failed slice.
  const next = document.querySelector('form[data-continue]');
  if (next) {
    const status = next.querySelector('[data-continue-status]');
    if (status) status.textContent = 'Import en cours : il continue de lui-même, tranche après tranche. Vous pouvez quitter la page ; il reprendra où il s’est arrêté.';
    const button = next.querySelector('button');
    if (button) button.disabled = true;
    next.submit();
  }

  for (const form of document.querySelectorAll('form[data-upload]')) {
    const input = form.querySelector('input[type=file]');
    const error = form.querySelector('[data-upload-error]');
    const status = form.querySelector('[data-upload-status]');
    const progress = form.querySelector('[data-upload-progress]');
    const button = form.querySelector('button[type=submit]');
    const fail = (message) => {
      error.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'f-file-hint f-file-error');
      progress.hidden = true;
      status.textContent = '';
      button.disabled = false;
      input.focus();
    };
    form.addEventListener('submit', async (ev) => {
      const file = input.files && input.files[0];
      if (!file) return;
      ev.preventDefault();
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      if (!ACCEPTED.includes(file.type)) return fail('Type de fichier refusé : PDF, JPEG ou PNG uniquement.');
      if (file.size > MAX) return fail('Fichier trop volumineux : 20 Mo au plus (10 Mo pour la plupart des pièces).');
      button.disabled = true;
      status.textContent = 'Préparation du dépôt…';
      const body = new URLSearchParams({
        documentType: form.querySelector('[name=documentType]').value,
        fileName: file.name, contentType: file.type, size: String(file.size),
      });
      let grant;
      try {
        const res = await fetch(form.dataset.upload, { method: 'POST', body, credentials: 'same-origin' });
        grant = await res.json();
        if (!res.ok) return fail(Object.values(grant.fields || {})[0] || grant.message || 'Dépôt refusé.');
      } catch (e) { return form.submit(); }
      const data = new FormData();
      for (const [k, v] of Object.entries(grant.fields)) data.append(k, v);
      data.append('file', file);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', grant.url);
      progress.hidden = false;
      progress.value = 0;
      xhr.upload.addEventListener('progress', (e) => {
        if (!e.lengthComputable) return;
        const pct = Math.round((e.loaded / e.total) * 100);
        progress.value = pct;
        status.textContent = 'Envoi : ' + pct + ' %';
      });
      xhr.addEventListener('error', () => form.submit());
      xhr.addEventListener('load', async () => {
        if (xhr.status >= 300) return fail('Le stockage a refusé le fichier (taille ou type).');
        status.textContent = 'Vérification du fichier…';
        try {
          const res = await fetch(grant.confirm, { method: 'POST', credentials: 'same-origin' });
          const out = await res.json();
          if (!res.ok) return fail(out.message || 'Pièce refusée.');
          status.textContent = 'Pièce « ' + out.fileName + ' » déposée.';
          const back = form.querySelector('[name=retour]').value;
          window.location.assign(back + '?piece=' + encodeURIComponent(grant.confirm.split('/')[4] || 'ok'));
        } catch (e) { fail('La vérification du fichier a échoué : réessayez.'); }
      });
      xhr.send(data);
    });
  }
})();
`;
