// The managers' page: each section fetches its report with the manager's session and draws it; a section whose report
// fails says "Not available" and the others go on. Lead data goes in as text, never as HTML.
'use strict';

(function () {
  // The page's texts in its language (manager.js.* in messages*.properties), with {0}, {1}… filled in here.
  const texts = document.getElementById('manager-messages');
  const language = texts.dataset.lang;
  const MESSAGES = JSON.parse(texts.dataset.messages);
  const t = (code, ...args) => (MESSAGES[code] || code).replace(/\{(\d+)\}/g, (all, i) => args[i]);
  const count = new Intl.NumberFormat(language);
  const oneDecimal = new Intl.NumberFormat(language, {maximumFractionDigits: 1});
  const percent = rate => oneDecimal.format(rate * 100) + ' %';
  const dateTime = iso => new Date(iso).toLocaleString(language, {dateStyle: 'medium', timeStyle: 'short'});
  const named = (prefix, code) => MESSAGES[prefix + code] ? t(prefix + code) : code;

  async function fetchReport(url, accept = 'application/json') {
    const response = await fetch(url, {headers: {Accept: accept}});
    if (!response.ok) {
      throw new Error(t('serverAnswered', response.status));
    }
    return accept === 'application/json' ? response.json() : response.text();
  }

  /** Fetches the section's report and draws it, or says the section is not available. */
  async function section(id, url, draw) {
    const element = document.getElementById(id);
    const status = element.querySelector('.status');
    try {
      await draw(element, await fetchReport(url));
      status.hidden = true;
      element.dataset.state = 'ready';
    } catch (error) {
      status.hidden = false;
      status.textContent = t('notAvailable', error.message);
      element.dataset.state = 'unavailable';
    }
  }

  function cell(row, content) {
    const td = row.insertCell();
    if (content instanceof Node) {
      td.append(content);
    } else {
      td.textContent = content;
    }
    return td;
  }

  function link(href, text) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }

  function chart(id, option) {
    const instance = echarts.init(document.getElementById(id));
    instance.setOption(Object.assign({animation: false, textStyle: {fontFamily: 'system-ui, sans-serif'}}, option));
    window.addEventListener('resize', () => instance.resize());
  }

  function drawFunnel(element, report) {
    const all = report.groups[0] || {stages: [], conversions: []};
    chart('funnel-chart', {
      tooltip: {trigger: 'item'},
      series: [{type: 'funnel', sort: 'descending', minSize: '8%', gap: 2,
        label: {formatter: item => item.name + ': ' + count.format(item.value)},
        data: all.stages.map(stage => ({name: named('stages.', stage.stage), value: stage.reached}))}]
    });
    element.querySelector('.conversions').textContent = all.conversions
        .map(step => named('stages.', step.from) + ' → ' + named('stages.', step.to) + ' ' + percent(step.rate)).join(' · ');
  }

  function drawSla(element, report) {
    const first = report.firstAttempt;
    element.querySelector('.summary').textContent = t('slaSummary', count.format(first.met), count.format(first.due),
        percent(first.compliance), first.medianWorkingHoursToFirstAttempt ?? '—');
    chart('sla-chart', {
      grid: {left: 48, right: 16, top: 16, bottom: 32},
      tooltip: {trigger: 'axis', valueFormatter: percent},
      xAxis: {type: 'category', data: report.byWeek.map(week => week.week)},
      yAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: percent}},
      series: [{type: 'line', name: t('compliance'), data: report.byWeek.map(week => week.compliance)}]
    });
    drawBreaches(report.breaches, report.breachesTotal);
  }

  function drawBreaches(breaches, total) {
    const element = document.getElementById('breaches');
    const table = element.querySelector('table');
    const status = element.querySelector('.status');
    for (const breach of breaches) {
      const row = table.tBodies[0].insertRow();
      cell(row, link(breach.taskUrl, breach.leadName));
      cell(row, breach.rep);
      cell(row, named('breaches.', breach.kind));
      cell(row, dateTime(breach.at));
    }
    table.hidden = breaches.length === 0;
    status.hidden = breaches.length > 0 && breaches.length === total;
    status.textContent = breaches.length === 0 ? t('noBreaches')
      : t('latestBreaches', count.format(breaches.length), count.format(total));
    element.dataset.state = 'ready';
  }

  function drawSequences(element, report) {
    chart('reply-chart', {
      grid: {left: 48, right: 16, top: 32, bottom: 32},
      legend: {},
      tooltip: {trigger: 'axis', valueFormatter: percent},
      xAxis: {type: 'category', data: report.steps.map(step => t('step', step.step, named('channels.', step.channel)))},
      yAxis: {type: 'value', axisLabel: {formatter: percent}},
      series: [
        {type: 'bar', name: t('replied'), data: report.steps.map(step => step.replyRate)},
        {type: 'bar', name: t('meeting'), data: report.steps.map(step => step.meetingRate)},
        {type: 'bar', name: t('opened'), data: report.steps.map(step => step.openRate)},
        {type: 'bar', name: t('clicked'), data: report.steps.map(step => step.clickRate)}]
    });
    drawVariants(element.querySelector('table.variants'), report.variants || []);
  }

  /** Each step's A/B variants: the counts with their rates, and whether a variant differs from the control yet. */
  function drawVariants(table, variants) {
    const withRate = (n, rate) => count.format(n) + ' (' + percent(rate) + ')';
    for (const variant of variants) {
      const row = table.tBodies[0].insertRow();
      row.dataset.variant = variant.step + ':' + variant.variant;
      cell(row, t('step', variant.step, variant.variant));
      cell(row, count.format(variant.sent));
      cell(row, withRate(variant.opened, variant.openRate));
      cell(row, withRate(variant.clicked, variant.clickRate));
      cell(row, withRate(variant.replied, variant.replyRate));
      cell(row, withRate(variant.meetings, variant.meetingRate));
      cell(row, variant.versusControl ? variant.versusControl.verdict : t('control'));
    }
    table.hidden = variants.length === 0;
  }

  function drawReps(element, report) {
    const table = element.querySelector('table');
    for (const rep of report.reps) {
      const row = table.tBodies[0].insertRow();
      row.dataset.rep = rep.username;
      cell(row, rep.name + ' · ' + rep.team);
      cell(row, count.format(rep.openTasks));
      const overdue = cell(row, count.format(rep.overdueTasks));
      overdue.classList.toggle('overdue', rep.overdueTasks > 0);
      const use = cell(row, t('capacityUse', count.format(rep.assignedThisMonth), count.format(rep.monthlyCapacity),
          percent(rep.capacityUse)));
      use.classList.toggle('overdue', rep.capacityUse >= 1);
    }
    table.hidden = false;
  }

  /** The month's rejections at hand-off: by reason, source, lead type and the fit rule that made the lead an MQL. */
  function drawRejections(element, report) {
    const total = element.querySelector('.total');
    total.textContent = count.format(report.total) + ' MQLs handed back this month';
    total.hidden = false;
    const table = element.querySelector('table');
    const rows = [
      ...report.byReason.map(group => ['Reason', group.label, group.rejections]),
      ...report.bySource.map(group => ['Source', group.key || '(none)', group.rejections]),
      ...report.byLeadType.map(group => ['Lead type', group.key, group.rejections]),
      ...report.byFitRule.map(rule => ['Fit rule', rule.decidedBy, rule.rejections])];
    for (const [dimension, value, rejections] of rows) {
      const row = table.tBodies[0].insertRow();
      cell(row, dimension);
      cell(row, value);
      cell(row, count.format(rejections));
    }
    table.hidden = rows.length === 0;
  }

  /** Marketing's side of the SLA: each team, then its reps, delivered against the quota; a shortfall by now flagged. */
  function drawQuota(element, report) {
    const table = element.querySelector('table');
    const line = (name, standing) => {
      const row = table.tBodies[0].insertRow();
      cell(row, name);
      cell(row, count.format(standing.delivered));
      cell(row, count.format(standing.quota) + ' (' + percent(standing.attainment) + ')');
      const owed = cell(row, standing.behind ? count.format(standing.shortfall) + ' short' : 'On track');
      owed.classList.toggle('overdue', standing.behind);
      return row;
    };
    for (const team of report.teams) {
      line(team.name, team).dataset.team = team.name;
      for (const rep of report.reps.filter(rep => rep.team === team.name)) {
        line('\u00a0\u00a0' + rep.name, rep).dataset.rep = rep.name;
      }
    }
    line('All teams', report.total).dataset.total = 'true';
    table.hidden = false;
  }

  /** Each process's diagram, with the number of leads waiting on each element drawn on it. */
  async function drawProcesses(element, report) {
    const diagrams = element.querySelector('.diagrams');
    for (const process of report.processes) {
      const figure = document.createElement('figure');
      figure.className = 'process';
      figure.dataset.process = process.bpmnProcessId;
      const caption = document.createElement('figcaption');
      caption.textContent = t('processWaiting', process.name, count.format(process.waiting))
          + (process.incidents ? t('processIncidents', count.format(process.incidents)) : '');
      const canvas = document.createElement('div');
      canvas.className = 'diagram';
      figure.append(caption, canvas);
      diagrams.append(figure);
      try {
        await drawDiagram(canvas, process);
      } catch (error) {
        canvas.textContent = t('diagramNotAvailable', error.message);
      }
    }
  }

  /** The open incidents, each with a button that retries it once its cause is fixed. */
  function drawIncidents(element, report) {
    const table = element.querySelector('table');
    for (const incident of report.incidents) {
      const row = table.tBodies[0].insertRow();
      row.dataset.incident = incident.incidentKey;
      cell(row, incident.leadId || '—');
      cell(row, (incident.elementName || incident.elementId) + ' · ' + incident.bpmnProcessId);
      cell(row, incident.errorMessage || incident.errorType).className = 'error';
      cell(row, dateTime(incident.since));
      cell(row, retryButton(element, '/api/reports/incidents/' + encodeURIComponent(incident.incidentKey) + '/retry'));
    }
    table.hidden = report.incidents.length === 0;
    element.querySelector('.summary').textContent = report.open === 0 ? t('noIncidents')
      : report.incidents.length < report.open ? t('oldestIncidents', count.format(report.incidents.length), count.format(report.open))
        : t('openIncidents', count.format(report.open));
  }

  /** The mails given up, each with a button that sends it again once its cause is fixed. */
  function drawMailFailures(element, report) {
    const table = element.querySelector('table');
    for (const mail of report.mails) {
      const row = table.tBodies[0].insertRow();
      cell(row, mail.leadId || '—');
      cell(row, mail.recipient);
      cell(row, mail.subject);
      cell(row, mail.error).className = 'error';
      cell(row, dateTime(mail.failedAt));
      cell(row, retryButton(element, '/api/reports/mail-failures/' + encodeURIComponent(mail.idempotencyKey) + '/retry'));
    }
    table.hidden = report.mails.length === 0;
    element.querySelector('.summary').textContent = report.failed === 0 ? t('noMailFailures')
      : report.mails.length < report.failed ? t('latestMailFailures', count.format(report.mails.length), count.format(report.failed))
        : t('mailFailures', count.format(report.failed));
  }

  /** A button that posts a retry (of an incident or a mail) under the section's CSRF token. */
  function retryButton(element, url) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('retry');
    button.addEventListener('click', () => retry(element, url, button));
    return button;
  }

  /** The retry itself; the button becomes who retried it. */
  async function retry(element, url, button) {
    const errors = element.querySelector('.errors');
    const headers = {Accept: 'application/json'};
    headers[element.dataset.csrfHeader] = element.dataset.csrfToken;
    button.disabled = true;
    try {
      const response = await fetch(url, {method: 'POST', headers});
      const answer = await response.json();
      if (!response.ok) {
        throw new Error(answer.detail || t('serverAnswered', response.status));
      }
      button.replaceWith(document.createTextNode(t('retriedBy', answer.by)));
      errors.hidden = true;
    } catch (error) {
      errors.textContent = t('notRetried', error.message);
      errors.hidden = false;
      button.disabled = false;
    }
  }

  async function drawDiagram(canvas, process) {
    const xml = await fetchReport('/api/reports/process/' + encodeURIComponent(process.bpmnProcessId) + '/diagram', 'application/xml');
    const viewer = new BpmnJS({container: canvas});
    await viewer.importXML(xml);
    viewer.get('canvas').zoom('fit-viewport');
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    for (const waiting of process.elements.filter(e => e.waiting > 0 && registry.get(e.elementId))) {
      const badge = document.createElement('span');
      badge.className = 'waiting-count';
      badge.textContent = count.format(waiting.waiting);
      badge.title = t('waitingAt', count.format(waiting.waiting), waiting.elementName || waiting.elementId)
          + (waiting.oldestWaitingSince ? t('oldestSince', dateTime(waiting.oldestWaitingSince)) : '');
      overlays.add(waiting.elementId, 'waiting', {position: {top: -12, right: 12}, html: badge});
    }
  }

  // The planner: the form's numbers as the API takes them (rates as fractions), the answer as a table.
  const STEPS = ['customers', 'opportunities', 'sqls', 'mqls', 'leads', 'prospects'];
  const plannerForm = document.getElementById('planner-form');
  const plannerSection = document.getElementById('planner');

  function planRequest() {
    const number = name => {
      const value = plannerForm.elements[name].value.trim();
      return value === '' ? undefined : Number(value);
    };
    const conversion = {};
    for (const input of plannerForm.querySelectorAll('[data-rate]')) {
      if (input.value.trim() !== '') {
        conversion[input.name] = Number(input.value) / 100;
      }
    }
    return {revenueGoal: number('revenueGoal'), averageDealSize: number('averageDealSize'), conversion,
      measured: plannerForm.elements.measured.checked, months: number('months'), reps: number('reps'),
      hoursPerRepPerMonth: number('hoursPerRepPerMonth'), minutesPerAttempt: number('minutesPerAttempt')};
  }

  function showErrors(problem) {
    const errors = plannerSection.querySelector('.errors');
    errors.replaceChildren();
    const list = document.createElement('ul');
    for (const error of problem.errors || [{field: t('plan'), message: problem.detail || t('notMade')}]) {
      const item = document.createElement('li');
      item.textContent = error.field + ' ' + error.message;
      list.append(item);
    }
    errors.append(list);
    errors.hidden = false;
    plannerSection.querySelector('.plan-result').hidden = true;
  }

  function showPlan(plan) {
    plannerSection.querySelector('.errors').hidden = true;
    const result = plannerSection.querySelector('.plan-result');
    const body = result.querySelector('tbody');
    body.replaceChildren();
    const known = value => value === null || value === undefined ? '—' : count.format(value);
    for (const step of STEPS) {
      const row = body.insertRow();
      row.dataset.step = step;
      cell(row, t('plan.' + step));
      cell(row, known(plan.perMonth[step])).className = 'per-month';
      cell(row, known(plan.perRep[step])).className = 'per-rep';
      cell(row, known(plan.actual.monthToDate[step])).className = 'month-to-date';
      cell(row, known(plan.actual.gap[step])).className = 'gap';
    }
    const capacity = plan.capacity;
    const repsNeeded = capacity.repsNeeded === null ? t('noRepHasTheHours')
        : t('repsNeeded', count.format(capacity.repsNeeded), count.format(capacity.mostLeadsPerRep));
    result.querySelector('.capacity').textContent = t('capacity', count.format(capacity.leadsPerRep), count.format(plan.reps),
        count.format(capacity.attemptsPerLeadPossible), count.format(capacity.attemptsPerLeadPlanned))
        + ' ' + (capacity.enough ? t('enough') : t('notEnough', repsNeeded));
    result.querySelector('.capacity').classList.toggle('overdue', !capacity.enough);
    const rates = plan.ratesUsed;
    result.querySelector('.rates').textContent = t('ratesUsed', Object.keys(rates).map(step => step + ' ' + percent(rates[step])).join(', '))
        + (plan.measured ? t('ratesMeasured', plan.measured.from, plan.measured.to, count.format(plan.measured.leads),
            plan.measured.defaulted.join(', ')) : '');
    result.hidden = false;
  }

  plannerForm.addEventListener('submit', async event => {
    event.preventDefault();
    const headers = {'Content-Type': 'application/json', Accept: 'application/json'};
    headers[plannerForm.dataset.csrfHeader] = plannerForm.dataset.csrfToken;
    try {
      const response = await fetch('/api/planner', {method: 'POST', headers, body: JSON.stringify(planRequest())});
      const answer = await response.json();
      if (response.ok) {
        showPlan(answer);
      } else {
        showErrors(answer);
      }
    } catch (error) {
      showErrors({detail: t('notMadeBecause', error.message)});
    }
  });

  section('funnel', '/api/reports/funnel', drawFunnel);
  section('sla', '/api/reports/sla', drawSla).then(() => {
    const breaches = document.getElementById('breaches');
    if (!breaches.dataset.state) {
      breaches.querySelector('.status').textContent = t('breachesNotAvailable');
      breaches.dataset.state = 'unavailable';
    }
  });
  section('sequences', '/api/reports/sequences', drawSequences);
  section('reps', '/api/reports/reps', drawReps);
  section('rejections', '/api/reports/rejections', drawRejections);
  section('quota', '/api/reports/quota', drawQuota);
  section('process', '/api/reports/process', drawProcesses);
  section('incidents', '/api/reports/incidents', drawIncidents);
  section('mail-failures', '/api/reports/mail-failures', drawMailFailures);
})();
