// The order manager's web console: one EventSource on /api/console/stream, whose events replace
// what the page shows (snapshot, latency) or add to it (orders). Everything is drawn from the
// events; the only request the page makes itself is the kill switch's POST, with the operator's
// credentials from the form, which are kept nowhere else.
(function () {
  'use strict';

  const MAX_ORDERS = 50;
  // Spring Boot's own health components: listed only when they are not UP, so the stack's own stand out.
  const GENERIC_COMPONENTS = new Set(['ping', 'diskSpace', 'livenessState', 'readinessState', 'ssl']);
  const COLORS = ['#58a6ff', '#3fb950', '#d29922', '#bc8cff', '#f778ba', '#ff7b72', '#39c5cf'];
  const orders = new Map(); // clientOrderId -> order, the newest MAX_ORDERS
  let charts = null;

  const $ = (selector) => document.querySelector(selector);

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '–' : String(text);
    if (className) td.className = className;
    return td;
  }

  function money(value) {
    return value === undefined || value === null ? '–' : Number(value).toFixed(2);
  }

  function pnlCell(value, className) {
    const td = cell(money(value), className);
    if (value !== undefined && value !== null && Number(value) !== 0) {
      td.classList.add(Number(value) > 0 ? 'positive' : 'negative');
    }
    return td;
  }

  function figure(f) {
    if (f.value === null || f.value === undefined) return '–';
    if (f.unit === 's') return f.value < 1 ? (f.value * 1000).toFixed(1) + ' ms' : f.value.toFixed(2) + ' s';
    if (f.unit === 'flag') return f.value > 0 ? 'yes' : 'no';
    return String(Math.round(f.value));
  }

  // The state is a class of its own (UP, HALTED, ...), which the stylesheet colours; role keeps the element's other class.
  function badge(element, text, role) {
    element.textContent = text;
    element.className = (role ? role + ' ' : '') + 'badge ' + text;
  }

  // ---- snapshot: the kill switch, services, positions ----

  function showSnapshot(desk) {
    $('#updated').textContent = new Date(desk.ts).toLocaleTimeString();
    badge($('#trading-state'), desk.trading.state);
    $('#trading-detail').textContent = desk.trading.by
      ? (desk.trading.halted ? 'halted' : 'released') + ' by ' + desk.trading.by + ' at '
        + new Date(desk.trading.at).toLocaleTimeString() + ': ' + desk.trading.reason
      : '';
    $('#orders-total').textContent = desk.orders;
    showServices(desk.services);
    showPositions(desk.positions);
  }

  function showServices(services) {
    const cards = $('#service-cards');
    for (const service of services) {
      let card = cards.querySelector('[data-service="' + service.name + '"]');
      if (!card) {
        card = document.createElement('div');
        card.className = 'service';
        card.dataset.service = service.name;
        card.innerHTML = '<h3><span class="name"></span><span class="status badge"></span></h3>'
          + '<div class="url muted"></div><div class="reason"></div><dl></dl>';
        cards.appendChild(card);
      }
      card.querySelector('.name').textContent = service.name;
      badge(card.querySelector('.status'), service.status, 'status');
      card.querySelector('.url').textContent = service.url || 'this process';
      card.querySelector('.reason').textContent = service.reason || '';
      const list = card.querySelector('dl');
      list.replaceChildren();
      for (const [component, status] of Object.entries(service.components || {})) {
        if (status !== 'UP' || !GENERIC_COMPONENTS.has(component)) {
          addTerm(list, component, status, status === 'UP' ? 'positive' : 'negative');
        }
      }
      for (const f of service.figures || []) {
        addTerm(list, f.label, figure(f));
      }
    }
  }

  function addTerm(list, term, value, className) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    if (className) dd.className = className;
    list.append(dt, dd);
  }

  function showPositions(positions) {
    const body = $('#positions tbody');
    body.replaceChildren(...positions.positions.map((p) => {
      const row = document.createElement('tr');
      row.dataset.symbol = p.symbol;
      row.append(cell(p.symbol), cell(p.quantity, 'quantity'), cell(money(p.averagePrice)),
        cell(p.markPrice === undefined ? (p.markStatus || '–') : money(p.markPrice)),
        pnlCell(p.realizedPnl, 'realized'), pnlCell(p.unrealizedPnl, 'unrealized'));
      return row;
    }));
    $('#realized-total').replaceWith(withId(pnlCell(positions.realizedPnl), 'realized-total', 'th'));
    $('#unrealized-total').replaceWith(withId(pnlCell(positions.unrealizedPnl), 'unrealized-total', 'th'));
    const rows = [];
    for (const strategy of positions.strategies) {
      for (const p of strategy.positions) {
        const row = document.createElement('tr');
        row.dataset.strategy = strategy.strategyId;
        row.dataset.symbol = p.symbol;
        row.append(cell(strategy.strategyId), cell(p.symbol, 'text'), cell(p.quantity, 'quantity'), cell(money(p.averagePrice)),
          pnlCell(p.realizedPnl), pnlCell(p.unrealizedPnl));
        rows.push(row);
      }
    }
    $('#strategy-positions tbody').replaceChildren(...rows);
  }

  function withId(td, id, tag) {
    const th = document.createElement(tag);
    th.id = id;
    th.textContent = td.textContent;
    th.className = td.className;
    return th;
  }

  // ---- orders: added as they are decided, newest first ----

  function addOrders(event) {
    const fresh = new Set();
    for (const order of event.items) {
      if (!orders.has(order.clientOrderId)) fresh.add(order.clientOrderId);
      orders.set(order.clientOrderId, order);
    }
    const newest = [...orders.values()].sort((a, b) => (b.orderId - a.orderId)).slice(0, MAX_ORDERS);
    orders.clear();
    newest.forEach((o) => orders.set(o.clientOrderId, o));
    $('#orders-total').textContent = event.total;
    $('#orders tbody').replaceChildren(...newest.map((o) => {
      const row = document.createElement('tr');
      row.dataset.clientOrderId = o.clientOrderId;
      if (fresh.has(o.clientOrderId)) row.className = 'fresh';
      const status = cell(o.status, 'status');
      status.replaceChildren(Object.assign(document.createElement('span'), { className: 'badge ' + o.status, textContent: o.status }));
      row.append(cell(new Date(o.receivedTs / 1e6).toLocaleTimeString()), cell(o.orderId), cell(o.clientOrderId, 'text'),
        cell(o.strategyId, 'text'), cell(o.symbol, 'text'), cell(o.side, 'text'), cell(o.quantity), status,
        cell(o.price === undefined ? '–' : money(o.price)), cell(o.reason || '', 'text reason'));
      return row;
    }));
  }

  // ---- latency: two uPlot charts, p50 and p99 of every hop ----

  function showLatency(series) {
    $('#latency-window').textContent = 'p50 and p99 over the last ' + (series.windowMillis / 1000)
      + ' s at each point, µs (log scale)';
    const x = series.times.map((t) => t / 1000);
    drawCharts(series, x);
    $('#latency-now tbody').replaceChildren(...series.hops.map((hop) => {
      const row = document.createElement('tr');
      row.dataset.hop = hop.id;
      row.append(cell(hop.label), cell(hop.measuredBy, 'text'), cell(last(hop.p50), 'p50'), cell(last(hop.p99), 'p99'));
      return row;
    }));
  }

  function last(values) {
    for (let i = values.length - 1; i >= 0; i--) {
      if (values[i] !== null) return values[i].toFixed(1);
    }
    return '–';
  }

  // A log axis ticks every 1-9 of each decade: only the powers of ten are labelled.
  function decadeLabel(micros) {
    if (micros === null || micros === undefined || Math.abs(Math.log10(micros) % 1) > 1e-9) return '';
    return micros >= 1e6 ? (micros / 1e6) + ' s' : micros >= 1000 ? (micros / 1000) + ' ms' : micros + ' µs';
  }

  function drawCharts(series, x) {
    if (typeof uPlot === 'undefined') return; // the table still shows the latest values
    if (!charts) {
      charts = {};
      for (const q of ['p50', 'p99']) {
        const element = $('#chart-' + q);
        charts[q] = new uPlot({
          width: Math.max(300, element.clientWidth), height: 240,
          scales: { x: { time: true }, y: { distr: 3 } },
          axes: [{ stroke: '#7d8a99', grid: { stroke: '#27313c' } },
            { stroke: '#7d8a99', grid: { stroke: '#27313c' }, size: 70, values: (u, ticks) => ticks.map(decadeLabel) }],
          series: [{}].concat(series.hops.map((hop, i) => ({ label: hop.label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false }))),
        }, [x].concat(series.hops.map(() => x.map(() => null))), element);
      }
      window.addEventListener('resize', () => {
        for (const q of ['p50', 'p99']) charts[q].setSize({ width: Math.max(300, $('#chart-' + q).clientWidth), height: 240 });
      });
    }
    for (const q of ['p50', 'p99']) {
      charts[q].setData([x].concat(series.hops.map((hop) => hop[q])));
    }
  }

  // ---- the stream ----

  function connect() {
    const stream = new EventSource('/api/console/stream');
    stream.onopen = () => badge($('#stream-state'), 'live');
    // EventSource reconnects by itself; the page says so meanwhile.
    stream.onerror = () => badge($('#stream-state'), 'reconnecting');
    stream.addEventListener('snapshot', (e) => showSnapshot(JSON.parse(e.data)));
    stream.addEventListener('orders', (e) => addOrders(JSON.parse(e.data)));
    stream.addEventListener('latency', (e) => showLatency(JSON.parse(e.data)));
  }

  // ---- the kill switch ----

  function basic(name, password) {
    const bytes = new TextEncoder().encode(name + ':' + password);
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  async function switchTrading(action) {
    const result = $('#switch-result');
    const name = $('#operator-name').value;
    const password = $('#operator-password').value;
    const reason = $('#switch-reason').value.trim();
    if (!name || !password || !reason) {
      result.textContent = 'operator, password and reason are needed to ' + action;
      return;
    }
    result.textContent = action + ' sent…';
    try {
      // credentials: 'omit' — no cookie, and a 401 never opens the browser's own login prompt
      // or lets it remember the password; the Authorization header is the only credential.
      const response = await fetch('/api/trading/' + action, {
        method: 'POST', credentials: 'omit', cache: 'no-store',
        headers: { 'Content-Type': 'application/json', 'Authorization': basic(name, password) },
        body: JSON.stringify({ reason: reason }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        result.textContent = 'Trading ' + body.state + ' by ' + body.by + ': ' + body.reason;
        badge($('#trading-state'), body.state);
      } else if (response.status === 401) {
        result.textContent = 'Refused: wrong operator name or password';
      } else {
        result.textContent = 'Refused (' + response.status + '): ' + (body.detail || body.title || 'no detail');
      }
    } catch (e) {
      result.textContent = 'Not sent: ' + e.message;
    }
  }

  $('#halt').addEventListener('click', () => switchTrading('halt'));
  $('#release').addEventListener('click', () => switchTrading('release'));
  connect();
}());
