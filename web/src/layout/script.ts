/**
 * Small progressive enhancements; every page works without them.
 * - Error summaries: focused when the page loads.
 * - Step forms: re-fetch the estimate (an HTML fragment, computed without saving) when a field
 *   changes; warn before leaving with unsaved typing by any way other than the form's buttons.
 * - Uploads (a dossier's documents, an import's file): straight to S3 with the presigned POST and
 *   a progress bar, then confirmation (documents) or the dry run (imports). If the direct upload
 *   cannot start (network, CORS), the form is sent to the server, which forwards it.
 * - Imports: a run that stopped after a slice (a request's time) is sent again at once, slice
 *   after slice until it is done; leaving the page pauses it, the button resumes it.
 */
export const SCRIPT = `(() => {
  'use strict';
  const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];
  const MAX = 20 * 1024 * 1024;
  const IMPORT_MAX = 50 * 1024 * 1024;

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

  // Sends the file with the presigned POST, showing its progress; resolves to the storage's
  // status, or 0 when the request could not be made (network, CORS).
  const sendToBucket = (grant, file, progress, status) => new Promise((resolve) => {
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
    xhr.addEventListener('error', () => resolve(0));
    xhr.addEventListener('load', () => resolve(xhr.status));
    xhr.send(data);
  });

  // One upload form: the page's presigned POST for the file, the file to the bucket, then
  // o.done. Refusals are said on the file’s field; without the direct way, the form goes as is.
  const enhanceUpload = (form, o) => {
    const input = form.querySelector('input[type=file]');
    const error = form.querySelector('[data-upload-error]');
    const status = form.querySelector('[data-upload-status]');
    const progress = form.querySelector('[data-upload-progress]');
    const button = form.querySelector('button[type=submit]');
    const fail = (message) => {
      error.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'f-file-hint ' + error.id);
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
      const refused = o.refuse(file);
      if (refused) return fail(refused);
      button.disabled = true;
      status.textContent = 'Préparation du dépôt…';
      let grant;
      try {
        const body = new URLSearchParams(o.fields(file));
        const res = await fetch(o.grantUrl, { method: 'POST', body, credentials: 'same-origin' });
        grant = await res.json();
        if (!res.ok) return fail(Object.values(grant.fields || {})[0] || grant.message || 'Dépôt refusé.');
      } catch (e) { return form.submit(); }
      const sent = await sendToBucket(grant, file, progress, status);
      if (sent === 0) return form.submit();
      if (sent >= 300) return fail('Le stockage a refusé le fichier (taille ou type).');
      await o.done(grant, status, fail);
    });
  };

  // A dossier's document: confirmed (type sniffed, size checked), then back to where it was asked.
  for (const form of document.querySelectorAll('form[data-upload]')) {
    enhanceUpload(form, {
      grantUrl: form.dataset.upload,
      refuse: (file) =>
        !ACCEPTED.includes(file.type) ? 'Type de fichier refusé : PDF, JPEG ou PNG uniquement.'
        : file.size > MAX ? 'Fichier trop volumineux : 20 Mo au plus (10 Mo pour la plupart des pièces).'
        : '',
      fields: (file) => ({
        documentType: form.querySelector('[name=documentType]').value,
        fileName: file.name, contentType: file.type, size: String(file.size),
      }),
      done: async (grant, status, fail) => {
        status.textContent = 'Vérification du fichier…';
        try {
          const res = await fetch(grant.confirm, { method: 'POST', credentials: 'same-origin' });
          const out = await res.json();
          if (!res.ok) return fail(out.message || 'Pièce refusée.');
          status.textContent = 'Pièce « ' + out.fileName + ' » déposée.';
          const back = form.querySelector('[name=retour]').value;
          window.location.assign(back + '?piece=' + encodeURIComponent(grant.confirm.split('/')[4] || 'ok'));
        } catch (e) { fail('La vérification du fichier a échoué : réessayez.'); }
      },
    });
  }

  // An import's file: then the dry run (a form posted to the job's « essai », which shows its page).
  for (const form of document.querySelectorAll('form[data-import-upload]')) {
    enhanceUpload(form, {
      grantUrl: form.dataset.importUpload,
      refuse: (file) => (file.size > IMPORT_MAX ? 'Fichier trop gros : 50 Mo au plus.' : ''),
      fields: (file) => ({
        scheme: form.querySelector('[name=scheme]').value, fileName: file.name, size: String(file.size),
      }),
      done: async (grant, status) => {
        status.textContent = 'Essai de l’import…';
        const check = document.createElement('form');
        check.method = 'post';
        check.action = grant.check;
        document.body.append(check);
        check.submit();
      },
    });
  }
})();
`;
