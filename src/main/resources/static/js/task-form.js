// A task form whose fields depend on other answers (the form's conditional.hide rules): after each change the server
// says which fields the rules hide for the answers so far (the same evaluation as on submit), and the page hides them.
// A hidden field's inputs are disabled, so they are neither required nor sent.
'use strict';

(function () {
  const form = document.querySelector('form.task-form[data-hidden-url]');
  let asked = 0;

  function apply(hidden) {
    for (const field of form.querySelectorAll('[data-field]')) {
      const hide = hidden.includes(field.dataset.field);
      field.hidden = hide;
      field.querySelectorAll('input, select, textarea').forEach(input => { input.disabled = hide; });
    }
  }

  async function refresh() {
    const mine = ++asked;
    const answers = new URLSearchParams();
    // Every answer, the hidden ones too: a rule may read a field it hides.
    for (const input of form.querySelectorAll('input, select, textarea')) {
      if (input.name && !((input.type === 'checkbox' || input.type === 'radio') && !input.checked)) {
        answers.append(input.name, input.value);
      }
    }
    const response = await fetch(form.dataset.hiddenUrl, {method: 'POST', body: answers, headers: {Accept: 'application/json'}});
    // An answer to an older change is not applied over a newer one's.
    if (response.ok && mine === asked) {
      apply(await response.json());
      form.dataset.conditions = 'applied';
    }
  }

  form.addEventListener('change', refresh);
  form.addEventListener('input', event => {
    if (event.target.matches('input[type=text], input[type=email], input[type=number], textarea')) {
      clearTimeout(form.typing);
      form.typing = setTimeout(refresh, 300);
    }
  });
  apply([...form.querySelectorAll('[data-field][hidden]')].map(field => field.dataset.field));
})();
