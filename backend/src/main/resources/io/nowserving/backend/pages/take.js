/* The take-a-ticket page: the branch's services live, one tap takes a ticket, then its ticket page. */
(function () {
  var d = NS.data, t = NS.t, snap = d.snapshot, busy = false, es = null, refetch = 0, lastUpdate = Date.now();
  var rows = {}, heldSig = null;
  // Redis' clock minus this phone's: a presence token's expiry is in the server's time
  var skew = snap.serverTime - Date.now();
  var presence = (/(?:^|[#&])p=([^&]+)/.exec(location.hash) || [])[1] || NS.get('ns.p.' + d.branch);
  if (presence) { NS.put('ns.p.' + d.branch, presence); }

  function presenceOk() {
    if (d.remote) { return true; }
    var exp = presence ? Number(presence.split('.')[1]) : 0;
    return exp > Date.now() + skew + 2000;
  }

  function render() {
    NS.text('branch', snap.name);
    NS.text('heading', snap.name);
    document.title = snap.name + ' \u00b7 NowServing';
    var canTake = presenceOk() && snap.open;
    NS.show('scan', !presenceOk());
    NS.show('shut', presenceOk() && !snap.open);
    NS.show('pick', canTake);
    var list = document.getElementById('services'), seen = {};
    (snap.services || []).forEach(function (s, i) {
      // each service keeps its element while the numbers change: a tap is never lost to a redraw
      var kind = canTake ? 'button' : 'div', row = rows[s.id];
      if (!row || row.kind !== kind) {
        row = rows[s.id] = serviceRow(s.id, kind, row);
      }
      var soldOut = s.capacityLeft === 0;
      if (canTake) { row.el.disabled = soldOut || busy; }
      row.prefix.textContent = s.prefix;
      row.name.textContent = s.name;
      row.wait.textContent = soldOut ? t('soldOut') : s.waiting === 0 ? t('waitingNone')
          : t('waiting', { n: s.waiting }) + ' \u00b7 ' + NS.wait(s.estimatedWait);
      if (list.children[i] !== row.li) { list.insertBefore(row.li, list.children[i] || null); }
      seen[s.id] = true;
    });
    Object.keys(rows).forEach(function (id) {
      if (!seen[id]) { list.removeChild(rows[id].li); delete rows[id]; }
    });
    renderHeld();
  }

  function serviceRow(id, kind, old) {
    var row = { kind: kind, li: old ? old.li : document.createElement('li'), el: document.createElement(kind) };
    row.el.className = 'service';
    if (kind === 'button') {
      row.el.type = 'button';
      row.el.addEventListener('click', function () { take(id); });
    }
    row.prefix = part(row.el, 'svc-prefix');
    row.prefix.setAttribute('aria-hidden', 'true');
    row.name = part(row.el, 'svc-name');
    row.wait = part(row.el, 'svc-wait');
    row.li.textContent = '';
    row.li.appendChild(row.el);
    return row;
  }

  function part(parent, cls) {
    var span = document.createElement('span');
    span.className = cls;
    parent.appendChild(span);
    return span;
  }

  function renderHeld() {
    var box = document.getElementById('held');
    var held = [], all = NS.tickets();
    Object.keys(all).forEach(function (k) {
      var r = all[k];
      if (k.indexOf(d.branch + '/') === 0 && r.token && (r.status === 'waiting' || r.status === 'called')) {
        held.push({ id: k.slice(d.branch.length + 1), r: r });
      }
    });
    var sig = NS.lang() + JSON.stringify(held);
    if (sig === heldSig) { return; } // unchanged: keep the links a finger may be on
    heldSig = sig;
    box.textContent = '';
    held.forEach(function (h) {
      var a = document.createElement('a');
      a.href = '/t/' + encodeURIComponent(d.branch) + '/' + encodeURIComponent(h.id) + '#' + h.r.token;
      a.textContent = t('yourTicket', { n: h.r.number }) + ' \u203a';
      box.appendChild(a);
    });
    box.hidden = held.length === 0;
  }

  function take(service) {
    if (busy) { return; }
    busy = true;
    NS.text('error', '');
    NS.text('status', t('taking'));
    render();
    var body = { service: service, language: NS.lang() };
    if (!d.remote && presence) { body.presence = presence; }
    var idem = NS.key();
    send(body, idem, 0);
  }

  function send(body, idem, attempt) {
    NS.api('POST', NS.base + '/tickets', body, { 'Idempotency-Key': idem }).then(function (r) {
      if ((r.status === 201 || r.status === 200) && r.body && r.body.token) {
        var tk = r.body;
        NS.saveTicket(d.branch, tk.id, { token: tk.token, number: tk.number, service: tk.service, status: tk.status });
        location.assign(tk.trackUrl);
        return;
      }
      if ((r.status === 0 || r.status === 503) && attempt < 2) {
        // the same Idempotency-Key: a retry never takes a second ticket
        setTimeout(function () { send(body, idem, attempt + 1); }, 1000 * (attempt + 1));
        return;
      }
      busy = false;
      NS.text('status', '');
      var code = r.body && r.body.code;
      if (code === 'presence_required') {
        presence = null;
        NS.drop('ns.p.' + d.branch);
      }
      NS.text('error', r.status === 0 ? t('err_network') : code && t('err_' + code) !== 'err_' + code
          ? t('err_' + code) : t('err_other'));
      render();
    });
  }

  function refresh() {
    if (refetch) { return; }
    refetch = setTimeout(function () {
      NS.api('GET', NS.base).then(function (r) {
        refetch = 0;
        if (r.status === 200 && r.body) { snap = r.body; lastUpdate = Date.now(); render(); }
      });
    }, 1000);
  }

  var TYPES = ['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.completed', 'ticket.no_show',
    'ticket.returned', 'ticket.reopened', 'ticket.cancelled', 'ticket.transferred', 'ticket.reset',
    'counter.changed', 'config.changed'];

  function follow() {
    if (es) { es.close(); }
    es = new EventSource(NS.base + '/events');
    es.addEventListener('snapshot', function (e) {
      snap = JSON.parse(e.data);
      lastUpdate = Date.now();
      NS.text('status', '');
      render();
    });
    TYPES.forEach(function (type) { es.addEventListener(type, function () { lastUpdate = Date.now(); refresh(); }); });
    es.onopen = function () { if (!busy) { NS.text('status', ''); } };
    es.onerror = function () {
      if (!busy) { NS.text('status', t('reconnecting', { t: NS.clock(lastUpdate) })); }
      if (es.readyState === 2) { setTimeout(follow, 3000); } // refused (e.g. 429): start again later
    };
  }

  var hiddenAt = 0;
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { hiddenAt = Date.now(); return; }
    // after a sleep the connection may be dead without a word: a new one starts with a fresh snapshot
    if (!es || es.readyState === 2 || hiddenAt && Date.now() - hiddenAt > NS.wakeMs) { follow(); }
  });
  setInterval(function () { // the code scanned expires while the page is open
    if (!busy && !presenceOk() && document.getElementById('scan').hidden) { render(); }
  }, 5000);
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) { busy = false; NS.text('status', ''); render(); follow(); } // back from the ticket page
  });
  NS.onLang(render);
  NS.applyWords();
  if (performance.mark) { performance.mark('first-screen'); }
  follow();
}());
