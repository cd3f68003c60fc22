// Progressive enhancement only: every page works without this file.
/* global document, DOMParser, FormData, XMLHttpRequest */
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

/**
 * Upload forms (data returns) marked data-upload-progress: with JavaScript on, the file is sent with
 * XMLHttpRequest so a progress bar and its percentage (announced politely) show while it uploads; the
 * page the server answers with then replaces this one. Without JavaScript the form posts as usual.
 */
function enhanceUpload(form) {
  const box = form.querySelector('.app-upload-progress');
  const bar = form.querySelector('progress');
  const text = form.querySelector('#upload-progress-text');
  if (!box || !bar || !text) return;
  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    box.hidden = false;
    bar.value = 0;
    text.textContent = 'Uploading: 0%';
    let announced = 0;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded / e.total) * 100);
      bar.value = percent;
      // the live region speaks at every tenth, not at every event
      if (percent - announced >= 10 || percent === 100) {
        announced = percent;
        text.textContent = percent === 100 ? 'Uploaded: 100%. Checking the file…' : `Uploading: ${percent}%`;
      }
    });
    request.addEventListener('load', () => showResponse(request.responseText));
    request.addEventListener('error', () => {
      sending = false;
      if (button) button.disabled = false;
      text.textContent = 'The file could not be sent. Check your connection and try again.';
    });
    request.send(new FormData(form));
  });
}

/** Puts the server's page in place of this one (its scripts are not run: this file sets the page up again). */
function showResponse(html) {
  const next = new DOMParser().parseFromString(html, 'text/html');
  document.title = next.title;
  const supported = document.body.classList.contains('govuk-frontend-supported');
  document.body.replaceWith(document.adoptNode(next.body));
  if (supported) document.body.classList.add('govuk-frontend-supported');
  document.body.classList.add('js-enabled');
  initAll();
  for (const form of document.querySelectorAll('form[data-upload-progress]')) enhanceUpload(form);
  const summary = document.querySelector('.govuk-error-summary');
  const heading = document.querySelector('h1');
  const target = summary || heading;
  if (target) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  document.documentElement.scrollTop = 0;
}

for (const form of document.querySelectorAll('form[data-upload-progress]')) enhanceUpload(form);
