/* The ticket page: number, people ahead, the wait, live over the ticket feed; the call takes the whole screen. */
(function () {
  var d = NS.data, t = NS.t, b = d.branch, id = d.ticket, es = null, retry = 0, delay = 1000, connecting = false;
  var lastUpdate = Date.now(), state = null, lost = false, noShowAt = 0, audio = null, marked = false, hiddenAt = 0;
  var token = location.hash.length > 1 && location.hash.indexOf('=') < 0 ? decodeURIComponent(location.hash.slice(1)) : null;
  var rec = NS.ticket(b, id) || {};
  if (token && token !== rec.token) {
    NS.saveTicket(b, id, { token: token });
    rec = NS.ticket(b, id) || {};
  }
  token = rec.token || token;
  var path = NS.base + '/tickets/' + encodeURIComponent(id);

  function render() {
    NS.text('branch', d.snapshot.name);
    var number = state ? state.number : rec.number || '';
    document.title = (number ? number + ' \u00b7 ' : '') + d.snapshot.name + ' \u00b7 NowServing';
    NS.text('number', number || '\u2026');
    NS.text('service', NS.serviceName(state ? state.service : rec.service));
    var status = lost ? 'lost' : state ? state.status : null;
    NS.show('waiting', status === 'waiting');
    if (status === 'waiting') {
      NS.text('ahead', state.ahead === 0 ? t('next') : String(state.ahead));
      document.getElementById('ahead').className = state.ahead === 0 ? 'mid' : 'big';
      NS.text('estimate', state.ahead === 0 ? '' : NS.wait(state.estimatedWait));
    }
    NS.show('calledAt', status === 'called');
    if (status === 'called') { NS.text('calledAt', t('calledAt', { c: NS.counterName(state.counter) })); }
    var closed = status && status !== 'waiting' && status !== 'called';
    NS.show('closed', closed);
    if (closed) {
      NS.text('closedText', status === 'lost' ? t('lost') : t('s_' + status));
      NS.text('graceText', status === 'no_show' && grace() > 0 ? t('graceBack', { m: Math.ceil(grace() / 60) }) : '');
    }
    NS.show('cancel', status === 'waiting' && document.getElementById('confirm').hidden);
    NS.show('back', status === 'no_show' && grace() > 0 && (!noShowAt || Date.now() - noShowAt < grace() * 1000));
    var again = NS.show('again', closed);
    again.href = '/b/' + encodeURIComponent(b);
    NS.show('alerts', status === 'waiting' && 'Notification' in window && Notification.permission === 'default');
    NS.text('confirmText', t('cancelAsk', { n: number }));
    renderCalled(status === 'called');
    if (!marked && (number || lost) && performance.mark) { marked = true; performance.mark('first-screen'); }
  }

  function grace() {
    var s = state ? state.service : rec.service;
    return (d.grace && d.grace[s]) || 0;
  }

  function renderCalled(on) {
    var box = document.getElementById('called');
    var was = !box.hidden;
    box.hidden = !on;
    document.getElementById('page').hidden = on; // the call takes the whole screen, for screen readers too
    if (on) {
      NS.text('calledNumber', state.number);
      NS.text('calledWhere', NS.counterName(state.counter));
      if (!was) { box.focus(); }
    }
  }

  /** Vibration, a short beep and a notification, as far as the phone allows. */
  function alertCall() {
    var box = document.getElementById('called');
    box.classList.remove('flash');
    void box.offsetWidth;
    box.classList.add('flash');
    if (navigator.vibrate) { try { navigator.vibrate([400, 200, 400, 200, 800]); } catch (e) { /* not allowed */ } }
    beep();
    notify(t('calledNote'), state.number + ' \u2192 ' + NS.counterName(state.counter));
  }

  /**
   * A system notification where the customer allowed them: through the service worker (Android Chrome shows
   * them only from one), else from the page. One tag per ticket: a later one replaces an earlier one.
   */
  function notify(title, body) {
    if (!('Notification' in window) || Notification.permission !== 'granted') { return; }
    var options = { body: body, tag: id, data: { url: location.pathname } }; // never the token
    var plain = function () { try { new Notification(title, options); } catch (e) { /* not here either */ } };
    if (!('serviceWorker' in navigator) || !window.isSecureContext) { plain(); return; }
    // the registration as it is now (the page's own may still be settling): its active worker shows it
    navigator.serviceWorker.getRegistration().then(function (r) {
      return r && r.active ? r.showNotification(title, options) : plain();
    }).then(null, plain);
  }

  /** "Almost your turn", once, when a ticket that had more than the service's N ahead has N or fewer left. */
  function nearCheck() {
    var n = (d.near && d.near[state.service]) || 0;
    if (state.status !== 'waiting' || typeof state.ahead !== 'number') { return; }
    if (rec.far === undefined) { rec.far = state.ahead > n; NS.saveTicket(b, id, { far: rec.far }); }
    if (n > 0 && rec.far && !rec.nearSent && state.ahead <= n) {
      rec.nearSent = true;
      NS.saveTicket(b, id, { nearSent: true });
      notify(t('nearNote'), state.ahead === 0 ? t('next') : t('nearBody', { n: state.ahead }));
    }
  }

  function unlockAudio() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return null; }
    try {
      if (!audio) { audio = new Ctx(); }
      if (audio.state === 'suspended') { audio.resume(); }
    } catch (e) { audio = null; }
    return audio;
  }

  function beep() {
    var ctx = unlockAudio();
    if (!ctx) { return; }
    try {
      [0, 0.35, 0.7].forEach(function (at) {
        var osc = ctx.createOscillator(), gain = ctx.createGain(), start = ctx.currentTime + at;
        osc.type = 'sine';
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.5, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(start);
        osc.stop(start + 0.3);
      });
    } catch (e) { /* no sound then */ }
  }

  function apply(next, live) {
    var before = state ? state.status : rec.status;
    var beforeCounter = state ? state.counter : rec.counter;
    state = next;
    lost = false;
    lastUpdate = Date.now();
    NS.saveTicket(b, id, { number: next.number, service: next.service, status: next.status, counter: next.counter || null });
    if (next.status === 'no_show' && before !== 'no_show' && live) { noShowAt = Date.now(); }
    render();
    nearCheck();
    if (next.status === 'called' && (before !== 'called' || beforeCounter !== next.counter || live === 'recall')) {
      alertCall();
    }
  }

  function connect() {
    if (connecting || lost || !token) { return; }
    connecting = true;
    if (es) { es.close(); es = null; }
    NS.api('POST', path + '/stream-token', undefined, { 'X-Ticket-Token': token }).then(function (r) {
      connecting = false;
      if (r.status === 200 && r.body && r.body.streamToken) {
        open(r.body.streamToken);
      } else if (r.status === 404) {
        var newer = (NS.ticket(b, id) || {}).token;
        if (newer && newer !== token) { token = newer; connect(); return; } // scanned again: a rotated token
        lost = true;
        render();
      } else {
        later();
      }
    });
  }

  function open(st) {
    es = new EventSource(path + '/events?st=' + encodeURIComponent(st));
    es.addEventListener('state', function (e) { retry = 0; apply(JSON.parse(e.data), false); status(''); });
    es.addEventListener('position', function (e) {
      var p = JSON.parse(e.data);
      apply(copy({ ahead: p.ahead, estimatedWait: p.estimatedWait }), true);
    });
    es.addEventListener('called', function (e) {
      var c = JSON.parse(e.data), next = copy({ status: 'called', counter: c.counter });
      var recall = state && state.status === 'called';
      apply(next, recall ? 'recall' : true);
    });
    es.addEventListener('closed', function (e) { apply(copy({ status: JSON.parse(e.data).status }), true); });
    es.onerror = function () {
      // a fresh stream token every time: the old one may have expired while the phone slept
      if (es) { es.close(); es = null; }
      status(t('reconnecting', { t: NS.clock(lastUpdate) }));
      later();
    };
  }

  function copy(fields) {
    var next = {};
    for (var k in state) { if (Object.prototype.hasOwnProperty.call(state, k)) { next[k] = state[k]; } }
    for (var f in fields) { if (Object.prototype.hasOwnProperty.call(fields, f)) { next[f] = fields[f]; } }
    return next;
  }

  function later() {
    clearTimeout(retry);
    retry = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30000);
  }

  function status(s) {
    if (!s) { delay = 1000; }
    NS.text('status', s);
  }

  function act(method, suffix, done) {
    NS.text('error', '');
    var idem = NS.key();
    NS.api(method, path + suffix, undefined, { 'X-Ticket-Token': token, 'Idempotency-Key': idem }).then(function (r) {
      if (r.status >= 200 && r.status < 300) { done(r.body); return; }
      var code = r.body && r.body.code;
      NS.text('error', r.status === 0 ? t('err_network') : code && t('err_' + code) !== 'err_' + code
          ? t('err_' + code) : t('err_other'));
    });
  }

  document.getElementById('cancel').addEventListener('click', function () {
    NS.show('confirm', true);
    render();
    document.getElementById('confirmNo').focus();
  });
  document.getElementById('confirmNo').addEventListener('click', function () {
    NS.show('confirm', false);
    render();
    document.getElementById('cancel').focus();
  });
  document.getElementById('confirmYes').addEventListener('click', function () {
    NS.show('confirm', false);
    act('DELETE', '', function () { apply(copy({ status: 'cancelled' }), false); });
  });
  document.getElementById('back').addEventListener('click', function () {
    act('POST', '/return', function (tk) { if (tk) { apply(tk, false); } });
  });
  document.getElementById('alerts').addEventListener('click', function () {
    unlockAudio();
    if ('Notification' in window && Notification.requestPermission) {
      var p = Notification.requestPermission(function () { render(); });
      if (p && p.then) { p.then(render, render); }
    }
  });
  // browsers start sound only after a tap on the page: any tap prepares it
  document.addEventListener('pointerdown', unlockAudio, { once: true });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { hiddenAt = Date.now(); return; }
    // after a sleep the connection may be dead without a word: start again from the ticket's state
    if (!connecting && (!es || hiddenAt && Date.now() - hiddenAt > NS.wakeMs)) { clearTimeout(retry); delay = 1000; connect(); }
  });
  window.addEventListener('online', function () { if (!es && !connecting) { clearTimeout(retry); connect(); } });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted && !connecting) { clearTimeout(retry); delay = 1000; connect(); } // restored from the back cache
  });
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('/sw.js').then(null, function () { /* page only */ });
  }
  NS.onLang(render);
  NS.applyWords();
  lost = !token;
  render();
  if (!rec.number && !lost) { NS.text('status', t('loading')); }
  connect();
}());
