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
  // The page's period and filters as the reports API takes them, and as the lead list takes the filters.
  const REPORT_QUERY = texts.dataset.reportQuery;
  const LEADS_QUERY = texts.dataset.leadsQuery;
  const leadsUrl = (name, value) => '/leads?' + new URLSearchParams([[name, value], ...new URLSearchParams(LEADS_QUERY)]);
  const ofTotal = (n, total) => t('ofTotal', count.format(n), count.format(total));

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
    return instance;
  }

  /**
   * The funnel with each stage's count, the conversion of each step with the counts it is made of, and a link per stage
   * to the lead list of the leads now in it (same filters).
   */
  function drawFunnel(element, report) {
    const all = report.groups[0] || {stages: [], conversions: []};
    const reached = Object.fromEntries(all.stages.map(stage => [stage.stage, stage.reached]));
    const instance = chart('funnel-chart', {
      tooltip: {trigger: 'item', formatter: item => item.name + ': ' + count.format(item.value)},
      series: [{type: 'funnel', sort: 'descending', minSize: '8%', gap: 2,
        label: {formatter: item => item.name + ': ' + count.format(item.value)},
        data: all.stages.map(stage => ({name: named('stages.', stage.stage), value: stage.reached, stage: stage.stage}))}]
    });
    instance.on('click', item => window.location.assign(leadsUrl('stage', item.data.stage)));
    element.querySelector('.conversions').textContent = all.conversions.length === 0 ? t('noLeadsMoved')
      : all.conversions.map(step => t('conversion', named('stages.', step.from), named('stages.', step.to), percent(step.rate),
        ofTotal(reached[step.to], reached[step.from]))).join(' · ');
    const drill = element.querySelector('.drill-down');
    drill.hidden = all.stages.length === 0;
    drill.replaceChildren(t('leadsNowAt') + ' ');
    all.stages.forEach((stage, i) => {
      const a = link(leadsUrl('stage', stage.stage), named('stages.', stage.stage));
      a.dataset.stage = stage.stage;
      drill.append(...(i > 0 ? [' · ', a] : [a]));
    });
  }

  function drawSla(element, report) {
    const first = report.firstAttempt;
    element.querySelector('.summary').textContent = t('slaSummary', count.format(first.met), count.format(first.due),
        percent(first.compliance), first.medianWorkingHoursToFirstAttempt ?? '—');
    // Bars, not a line: a period of one week is one bar with its value, not a lone dot.
    chart('sla-chart', {
      grid: {left: 56, right: 16, top: 24, bottom: 48},
      tooltip: {trigger: 'axis', formatter: items => items.map(item => {
        const week = report.byWeek[item.dataIndex];
        return week.week + ': ' + percent(week.compliance) + ' (' + ofTotal(week.met, week.due) + ')';
      }).join('<br>')},
      xAxis: {type: 'category', data: report.byWeek.map(week => week.week + '\n' + t('sampleSize', count.format(week.due)))},
      yAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: percent}},
      series: [{type: 'bar', name: t('compliance'), barMaxWidth: 48, label: {show: true, position: 'top', formatter: item => percent(item.value)},
        data: report.byWeek.map(week => week.compliance)}]
    });
    drawBreaches(report.breaches, report.breachesTotal);
  }

  function drawBreaches(breaches, total) {
    const element = document.getElementById('breaches');
    const table = element.querySelector('table');
    const status = element.querySelector('.status');
    for (const breach of breaches) {
      const row = table.tBodies[0].insertRow();
      cell(row, link('/leads/' + encodeURIComponent(breach.leadId), breach.leadName || breach.leadId));
      cell(row, breach.rep);
      cell(row, link(breach.taskUrl, named('breaches.', breach.kind)));
      cell(row, dateTime(breach.at));
    }
    table.hidden = breaches.length === 0;
    status.hidden = breaches.length > 0 && breaches.length === total;
    status.textContent = breaches.length === 0 ? t('noBreaches')
      : t('latestBreaches', count.format(breaches.length), count.format(total));
    element.dataset.state = 'ready';
  }

  /**
   * Per step: the reply rate (of the attempts made) and the open and click rates (of the tracked emails), each bar with
   * its value and each step with its sample; meetings are in the table, not mixed into the chart. Then the table of
   * each step's and each template's counts and rates.
   */
  function drawSequences(element, report) {
    const rateOf = (name, n, total) => ({name, n, total});
    const series = [
      ['replied', step => rateOf(t('replied'), step.replied, step.sent)],
      ['opened', step => rateOf(t('opened'), step.opened, step.tracked)],
      ['clicked', step => rateOf(t('clicked'), step.clicked, step.tracked)]];
    chart('reply-chart', {
      grid: {left: 56, right: 16, top: 40, bottom: 48},
      legend: {},
      tooltip: {trigger: 'axis', formatter: items => items.map(item => {
        const rate = series[item.seriesIndex][1](report.steps[item.dataIndex]);
        return rate.name + ': ' + percent(item.value) + ' (' + ofTotal(rate.n, rate.total) + ')';
      }).join('<br>')},
      xAxis: {type: 'category', data: report.steps.map(step => t('step', step.step, named('channels.', step.channel))
          + '\n' + t('sampleSize', count.format(step.sent)))},
      yAxis: {type: 'value', axisLabel: {formatter: percent}},
      series: series.map(([code]) => ({type: 'bar', name: t(code), label: {show: true, position: 'top', formatter: item => percent(item.value)},
        data: report.steps.map(step => step[code === 'replied' ? 'replyRate' : code === 'opened' ? 'openRate' : 'clickRate'])}))
    });
    drawRates(element.querySelector('table.rates'), report);
    drawVariants(element.querySelector('table.variants'), report.variants || []);
  }

  /** A count with its rate of the total it is a share of. */
  const withRate = (n, rate) => count.format(n) + ' (' + percent(rate) + ')';

  /**
   * Each step's and each template's counts with their rates: replies and meetings of the sent, opens and clicks of the
   * tracked; each name opens the lead list of the leads behind them (their attempt there made), same filters.
   */
  function drawRates(table, report) {
    const line = (name, rates, filter, value) => {
      const row = table.tBodies[0].insertRow();
      cell(row, link(leadsUrl(filter, value), name));
      cell(row, count.format(rates.sent));
      cell(row, withRate(rates.replied, rates.replyRate));
      cell(row, withRate(rates.meetings, rates.meetingRate));
      cell(row, count.format(rates.tracked));
      cell(row, withRate(rates.opened, rates.openRate));
      cell(row, withRate(rates.clicked, rates.clickRate));
      return row;
    };
    for (const step of report.steps) {
      line(t('step', step.step, named('channels.', step.channel)), step, 'step', step.step).dataset.step = step.step;
    }
    for (const template of report.templates) {
      line(t('template', template.template), template, 'template', template.template).dataset.template = template.template;
    }
    table.hidden = report.steps.length + report.templates.length === 0;
  }

  /** Each step's A/B variants: the counts with their rates, and whether a variant differs from the control yet. */
  function drawVariants(table, variants) {
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
      const use = cell(row, t('capacityUse', count.format(rep.assigned), count.format(rep.capacity), percent(rep.capacityUse)));
      use.classList.toggle('overdue', rep.capacityUse >= 1);
    }
    table.hidden = false;
  }

  /** The period's rejections at hand-off: by reason, source, lead type and the fit rule that made the lead an MQL. */
  function drawRejections(element, report) {
    const total = element.querySelector('.total');
    total.textContent = t('handedBack', count.format(report.total));
    total.hidden = false;
    const table = element.querySelector('table');
    const rows = [
      ...report.byReason.map(group => [t('by.reason'), group.label, group.rejections]),
      ...report.bySource.map(group => [t('by.source'), group.key || t('none'), group.rejections]),
      ...report.byLeadType.map(group => [t('by.leadType'), named('leadTypes.', group.key), group.rejections]),
      ...report.byFitRule.map(rule => [t('by.fitRule'), rule.decidedBy, rule.rejections])];
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
      const owed = cell(row, standing.behind ? t('short', count.format(standing.shortfall)) : t('onTrack'));
      owed.classList.toggle('overdue', standing.behind);
      return row;
    };
    for (const team of report.teams) {
      line(team.name, team).dataset.team = team.name;
      for (const rep of report.reps.filter(rep => rep.team === team.name)) {
        line('\u00a0\u00a0' + rep.name, rep).dataset.rep = rep.name;
      }
    }
    line(t('allTeams'), report.total).dataset.total = 'true';
    table.hidden = false;
  }

  /**
   * Each process's diagram, zoomable and draggable, with the number of leads waiting on the elements people act on, and
   * beside it the same as a table.
   */
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
      const table = waitingTable(process);
      figure.append(caption, canvas, table);
      diagrams.append(figure);
      try {
        const viewer = await drawDiagram(canvas, process, table);
        caption.append(' ', zoomControls(figure, viewer));
      } catch (error) {
        canvas.textContent = t('diagramNotAvailable', error.message);
      }
    }
  }

  /** The buttons that zoom the diagram, fit it, and open it over the whole window (Escape closes it). */
  function zoomControls(figure, viewer) {
    const canvas = viewer.get('canvas');
    const controls = document.createElement('span');
    controls.className = 'zoom-controls';
    const button = (code, action) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t(code);
      b.dataset.action = code;
      b.addEventListener('click', action);
      controls.append(b);
      return b;
    };
    const fit = () => canvas.zoom('fit-viewport', 'auto');
    const full = button('fullSize', () => {
      const open = figure.classList.toggle('full');
      full.textContent = t(open ? 'close' : 'fullSize');
      full.setAttribute('aria-pressed', String(open));
      canvas.resized();
      fit();
    });
    full.setAttribute('aria-pressed', 'false');
    button('zoomIn', () => canvas.zoom(canvas.zoom() * 1.25, 'auto'));
    button('zoomOut', () => canvas.zoom(canvas.zoom() / 1.25, 'auto'));
    button('fit', fit);
    figure.addEventListener('keydown', event => {
      if (event.key === 'Escape' && figure.classList.contains('full')) {
        full.click();
      }
    });
    return controls;
  }

  /**
   * The elements whose count goes on the diagram and in the table, as {elementId, name, waiting, oldest, sources}: sources
   * the elements the leads wait at as the engine says (a gateway's count is drawn on the event it waits for).
   */
  function waits(process, registry) {
    const rows = new Map();
    for (const waiting of process.elements) {
      const shape = registry.get(waiting.elementId);
      // An expanded sub-process and a multi-instance body hold the waits drawn inside them; a collapsed sub-process and a
      // called process (drawn on its own diagram) are where the lead is on this one.
      if (!shape || waiting.waiting === 0 || (shape.type === 'bpmn:SubProcess' && !shape.collapsed)
          || waiting.elementType === 'MULTI_INSTANCE_BODY') {
        continue;
      }
      // A lead at an event-based gateway waits for its events: the count goes on the timer it waits for (or the first event).
      const target = shape.type === 'bpmn:EventBasedGateway' ? waitedFor(shape) : shape;
      const row = rows.get(target.id)
          || {elementId: target.id, name: target.businessObject.name || target.id, waiting: 0, oldest: null, sources: []};
      row.waiting += waiting.waiting;
      row.sources.push(waiting.elementId);
      row.oldest = [row.oldest, waiting.oldestWaitingSince].filter(Boolean).sort()[0] || null;
      rows.set(target.id, row);
    }
    return [...rows.values()].sort((a, b) => b.waiting - a.waiting);
  }

  function waitedFor(gateway) {
    const events = gateway.outgoing.map(flow => flow.target);
    return events.find(event => (event.businessObject.eventDefinitions || []).some(d => d.$type === 'bpmn:TimerEventDefinition'))
        || events[0] || gateway;
  }

  /** The "waiting per step" table beside a diagram, filled once the diagram is read. */
  function waitingTable(process) {
    const table = document.createElement('table');
    table.className = 'tasks waiting';
    table.hidden = true;
    const caption = table.createCaption();
    caption.textContent = t('waitingCaption', process.name);
    const head = table.createTHead().insertRow();
    for (const code of ['waitingStep', 'waitingLeads', 'waitingOldest', 'waitingWho']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = t(code);
      head.append(th);
    }
    table.createTBody();
    return table;
  }

  /** A button that lists, under the row, the leads waiting there (the longest waiting first), each a link to its page. */
  function leadsButton(processId, wait, row) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('showLeads');
    button.setAttribute('aria-expanded', 'false');
    let list = null;
    button.addEventListener('click', async () => {
      if (list) {
        list.remove();
        list = null;
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      button.disabled = true;
      const listRow = row.parentElement.insertRow(row.sectionRowIndex + 1);
      listRow.className = 'waiting-leads';
      const listCell = listRow.insertCell();
      listCell.colSpan = row.cells.length;
      try {
        const waiting = (await Promise.all(wait.sources.map(source => fetchReport('/api/reports/process/'
            + encodeURIComponent(processId) + '/elements/' + encodeURIComponent(source) + '/leads')))).flat();
        const items = document.createElement('ul');
        for (const lead of waiting) {
          const item = document.createElement('li');
          item.append(link('/leads/' + encodeURIComponent(lead.leadId), lead.name || lead.leadId),
              (lead.company ? ' · ' + lead.company : '') + ' · ' + t('waitingSince', dateTime(lead.since)));
          items.append(item);
        }
        listCell.append(items);
        if (waiting.length < wait.waiting) {
          listCell.append(t('longestWaiting', count.format(waiting.length), count.format(wait.waiting)));
        }
      } catch (error) {
        listCell.textContent = t('notAvailable', error.message);
      }
      list = listRow;
      button.disabled = false;
      button.setAttribute('aria-expanded', 'true');
    });
    return button;
  }

  async function drawDiagram(canvas, process, table) {
    const xml = await fetchReport('/api/reports/process/' + encodeURIComponent(process.bpmnProcessId) + '/diagram', 'application/xml');
    // The overlays follow each zoom at once: deferred (bpmn-js's default), they are hidden until 300 ms after the last
    // change, so a diagram just opened full size or zoomed showed no counts.
    const viewer = new BpmnJS({container: canvas, canvas: {deferUpdate: false}});
    await viewer.importXML(xml);
    viewer.get('canvas').zoom('fit-viewport');
    const overlays = viewer.get('overlays');
    for (const wait of waits(process, viewer.get('elementRegistry'))) {
      const title = t('waitingAt', count.format(wait.waiting), wait.name) + (wait.oldest ? t('oldestSince', dateTime(wait.oldest)) : '');
      const badge = document.createElement('span');
      badge.className = 'waiting-count';
      badge.dataset.element = wait.elementId;
      badge.textContent = count.format(wait.waiting);
      badge.title = title;
      // Never drawn smaller than the page's text, however far the diagram is zoomed out.
      overlays.add(wait.elementId, 'waiting', {position: {top: -12, right: 12}, scale: {min: 1}, html: badge});
      const row = table.tBodies[0].insertRow();
      row.dataset.element = wait.elementId;
      cell(row, wait.name);
      cell(row, count.format(wait.waiting));
      cell(row, wait.oldest ? dateTime(wait.oldest) : '—');
      cell(row, leadsButton(process.bpmnProcessId, wait, row));
    }
    table.hidden = table.tBodies[0].rows.length === 0;
    return viewer;
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

  // The period picker: the custom dates are asked for only for a custom period.
  const periodPicker = document.getElementById('period');
  const showCustomDates = () => document.querySelectorAll('.custom-dates')
      .forEach(field => { field.hidden = periodPicker.value !== 'custom'; });
  periodPicker.addEventListener('change', showCustomDates);
  showCustomDates();
  const shown = document.getElementById('period-shown');
  const day = iso => new Date(iso + 'T00:00:00Z').toLocaleDateString(language, {dateStyle: 'medium', timeZone: 'UTC'});
  shown.textContent = t('periodShown', day(shown.dataset.first), day(shown.dataset.last));

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

  /** The form's label of an API field ("conversion.leadToMql" is the "Lead → MQL" input's), else the field as named. */
  function fieldLabel(field) {
    const input = plannerForm.elements[field.split('.').pop()];
    const label = input && input.labels && input.labels[0];
    return label ? '“' + label.textContent.replace(/\s+/g, ' ').trim() + '”' : field;
  }

  function showErrors(problem) {
    const errors = plannerSection.querySelector('.errors');
    errors.replaceChildren();
    const list = document.createElement('ul');
    for (const error of problem.errors || [{field: t('plan'), message: problem.detail || t('notMade')}]) {
      const item = document.createElement('li');
      item.textContent = fieldLabel(error.field) + ' ' + error.message;
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

  section('funnel', '/api/reports/funnel?' + REPORT_QUERY, drawFunnel);
  section('sla', '/api/reports/sla?' + REPORT_QUERY, drawSla).then(() => {
    const breaches = document.getElementById('breaches');
    if (!breaches.dataset.state) {
      breaches.querySelector('.status').textContent = t('breachesNotAvailable');
      breaches.dataset.state = 'unavailable';
    }
  });
  section('sequences', '/api/reports/sequences?' + REPORT_QUERY, drawSequences);
  section('reps', '/api/reports/reps?' + REPORT_QUERY, drawReps);
  section('rejections', '/api/reports/rejections?' + REPORT_QUERY, drawRejections);
  section('quota', '/api/reports/quota?' + REPORT_QUERY, drawQuota);
  section('process', '/api/reports/process', drawProcesses);
  section('incidents', '/api/reports/incidents?' + REPORT_QUERY, drawIncidents);
  section('mail-failures', '/api/reports/mail-failures?' + REPORT_QUERY, drawMailFailures);
})();
