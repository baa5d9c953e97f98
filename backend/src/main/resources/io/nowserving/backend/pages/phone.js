'use strict';
/* Shared by both phone pages: words in two languages, the language switch, storage, the API. Never logs. */
var NS = (function () {
  var WORDS = {
    en: {
      other: '中文', otherLang: 'zh-TW', switchTo: 'Switch to Traditional Chinese',
      pick: 'Choose a service to take a ticket', waiting: '{n} waiting', waitingNone: 'Nobody waiting',
      about: 'about {w}', minutes: '{a}–{b} min', minute: '{a} min', underMinute: 'under 1 min',
      soldOut: 'No more tickets today', closed: 'The branch is closed now. Please come back during opening hours.',
      scanTitle: 'Scan the code on the screen again',
      scanText: 'To take a ticket, scan the QR code on the screen at the branch. The code you used has expired.',
      taking: 'Taking your ticket…', yourTicket: 'Your ticket {n}', open: 'open',
      live: '', reconnecting: 'Reconnecting… last update {t}', offline: 'No connection. Retrying…',
      err_capacity_exhausted: 'This service has given out all of today\u2019s tickets. Please ask at the desk.',
      err_branch_closed: 'The branch is closed now. Please come back during opening hours.',
      err_service_closed: 'This service is not taking tickets now. Please ask at the desk.',
      err_rate_limited: 'Too many requests from this phone. Please try again in a minute.',
      err_presence_required: 'The code you scanned has expired. Please scan the code on the screen again.',
      err_other: 'Something went wrong. Please try again.', err_network: 'No connection. Please try again.',
      yourNumber: 'Your number', ahead: 'People ahead', estimate: 'Estimated wait', next: 'You\u2019re next',
      calledTitle: 'It\u2019s your turn', goTo: 'Please go to', counterN: 'Counter {c}',
      calledAt: 'Called to {c}', cancel: 'Cancel ticket', cancelAsk: 'Cancel ticket {n}? You will lose your place.',
      cancelYes: 'Yes, cancel it', cancelNo: 'No, keep it', back: 'I\u2019m back',
      again: 'Take a new ticket', alerts: 'Alert me when it\u2019s my turn',
      s_completed: 'You have been served. Thank you!', s_cancelled: 'This ticket is cancelled.',
      s_reset: 'The day has ended; this ticket is no longer valid.', s_no_show: 'You missed your turn.',
      graceBack: 'Come back within {m} min and press \u201cI\u2019m back\u201d.',
      err_grace_expired: 'It is too late to come back with this ticket. Please take a new one.',
      err_already_called: 'Your number has already been called.',
      err_not_waiting: 'This ticket is not waiting any more.',
      lost: 'We can\u2019t find this ticket. Open the link you got when you took it, or take a new ticket.',
      calledNote: 'NowServing: your turn', nearNote: 'NowServing: almost your turn', nearBody: '{n} ahead of you',
      loading: 'Loading your ticket…'
    },
    'zh-TW': {
      other: 'English', otherLang: 'en', switchTo: '切換為英文',
      pick: '請選擇服務項目取號', waiting: '{n} 人等候中', waitingNone: '目前無人等候',
      about: '約 {w}', minutes: '{a}–{b} 分鐘', minute: '{a} 分鐘', underMinute: '不到 1 分鐘',
      soldOut: '今日號碼牌已發完', closed: '目前非營業時間，請於營業時間再來。',
      scanTitle: '請重新掃描螢幕上的條碼',
      scanText: '取號請掃描分行螢幕上的 QR 碼。您使用的條碼已經過期。',
      taking: '取號中…', yourTicket: '您的號碼 {n}', open: '查看',
      live: '', reconnecting: '重新連線中…最後更新 {t}', offline: '沒有網路連線，重試中…',
      err_capacity_exhausted: '此服務今日的號碼牌已發完，請洽櫃台。',
      err_branch_closed: '目前非營業時間，請於營業時間再來。',
      err_service_closed: '此服務目前暫停取號，請洽櫃台。',
      err_rate_limited: '此手機的請求太多次，請一分鐘後再試。',
      err_presence_required: '您掃描的條碼已過期，請重新掃描螢幕上的條碼。',
      err_other: '發生錯誤，請再試一次。', err_network: '沒有網路連線，請再試一次。',
      yourNumber: '您的號碼', ahead: '前面還有', estimate: '預估等候', next: '下一位就是您',
      calledTitle: '輪到您了', goTo: '請前往', counterN: '{c} 號櫃台',
      calledAt: '請至 {c}', cancel: '取消號碼牌', cancelAsk: '確定取消 {n} 號？您將失去目前的順位。',
      cancelYes: '確定取消', cancelNo: '保留號碼牌', back: '我回來了',
      again: '重新取號', alerts: '輪到我時提醒我',
      s_completed: '服務已完成，謝謝您！', s_cancelled: '此號碼牌已取消。',
      s_reset: '今日營業已結束，此號碼牌已失效。', s_no_show: '您已過號。',
      graceBack: '請在 {m} 分鐘內回來並按「我回來了」。',
      err_grace_expired: '已超過可回來的時間，請重新取號。',
      err_already_called: '您的號碼已被叫到。',
      err_not_waiting: '此號碼牌已不在等候中。',
      lost: '找不到這張號碼牌。請開啟取號時取得的連結，或重新取號。',
      calledNote: 'NowServing：輪到您了', nearNote: 'NowServing：快輪到您了', nearBody: '前面還有 {n} 位',
      loading: '正在載入您的號碼牌…'
    }
  };
  var data = JSON.parse(document.getElementById('ns-data').textContent);
  var listeners = [];

  function storage() {
    try { localStorage.setItem('ns.probe', '1'); localStorage.removeItem('ns.probe'); return localStorage; } catch (e) {
      try { return sessionStorage; } catch (e2) { return null; }
    }
  }
  var store = storage();
  function get(key) { try { return store ? store.getItem(key) : null; } catch (e) { return null; } }
  function put(key, value) { try { if (store) { store.setItem(key, value); } } catch (e) { /* full or private */ } }
  function drop(key) { try { if (store) { store.removeItem(key); } } catch (e) { /* ignore */ } }

  function firstLang() {
    var saved = get('ns.lang');
    if (saved === 'en' || saved === 'zh-TW') { return saved; }
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < langs.length; i++) {
      if (/^zh/i.test(langs[i])) { return 'zh-TW'; }
      if (/^en/i.test(langs[i])) { return 'en'; }
    }
    return 'en';
  }
  var lang = firstLang();

  function t(key, vars) {
    var s = WORDS[lang][key];
    if (s === undefined) { s = WORDS.en[key] || key; }
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] !== undefined ? String(vars[k]) : m; });
  }

  function applyWords() {
    document.documentElement.lang = lang;
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) { nodes[i].textContent = t(nodes[i].getAttribute('data-t')); }
    var switches = document.querySelectorAll('.lang');
    for (var j = 0; j < switches.length; j++) {
      switches[j].textContent = t('other');
      switches[j].lang = t('otherLang');
      switches[j].setAttribute('aria-label', t('other') + ' \u2013 ' + t('switchTo'));
    }
    for (var k = 0; k < listeners.length; k++) { listeners[k](); }
  }

  function setLang(l) { lang = l; put('ns.lang', l); applyWords(); }

  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('.lang') : null;
    if (b) { setLang(lang === 'en' ? 'zh-TW' : 'en'); }
  });

  /** A wait range {minSeconds, maxSeconds} as words: "about 5–8 min". */
  function wait(w) {
    if (!w) { return ''; }
    var a = Math.floor(w.minSeconds / 60), b = Math.ceil(w.maxSeconds / 60);
    if (b <= 1) { return t('underMinute'); }
    a = Math.max(a, 1);
    return t('about', { w: a >= b ? t('minute', { a: b }) : t('minutes', { a: a, b: b }) });
  }

  function key() {
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  /** One API call: {status, body}; a network failure is status 0. */
  function api(method, path, body, headers) {
    var h = { 'Accept': 'application/json' };
    if (body !== undefined) { h['Content-Type'] = 'application/json'; }
    for (var k in headers) { if (Object.prototype.hasOwnProperty.call(headers, k)) { h[k] = headers[k]; } }
    return fetch(path, {
      method: method, headers: h, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { status: r.status, body: parsed };
      });
    }, function () { return { status: 0, body: null }; });
  }

  /** Tickets this phone holds, by branch and id: {token, number, service, status, at}. Kept two days. */
  function tickets() {
    var all = {};
    try { all = JSON.parse(get('ns.tickets') || '{}') || {}; } catch (e) { all = {}; }
    var now = Date.now(), changed = false;
    for (var k in all) {
      if (Object.prototype.hasOwnProperty.call(all, k) && !(all[k] && now - all[k].at < 2 * 86400000)) {
        delete all[k]; changed = true;
      }
    }
    if (changed) { put('ns.tickets', JSON.stringify(all)); }
    return all;
  }
  function ticket(b, id) { return tickets()[b + '/' + id] || null; }
  function saveTicket(b, id, fields) {
    var all = tickets(), k = b + '/' + id, rec = all[k] || { at: Date.now() };
    for (var f in fields) { if (Object.prototype.hasOwnProperty.call(fields, f)) { rec[f] = fields[f]; } }
    all[k] = rec;
    put('ns.tickets', JSON.stringify(all));
  }

  /** How long a hidden page trusts its feed, in ms (a phone asleep longer starts again); {@code ?wake=} sets it. */
  function wakeMs() {
    var m = /[?&]wake=(\d+)/.exec(location.search);
    return m ? Math.max(100, Number(m[1])) : 10000;
  }

  function counterName(id) {
    var cs = (data.snapshot && data.snapshot.counters) || [];
    for (var i = 0; i < cs.length; i++) { if (cs[i].id === id && cs[i].name) { return cs[i].name; } }
    return t('counterN', { c: id });
  }
  function serviceName(id) {
    var ss = (data.snapshot && data.snapshot.services) || [];
    for (var i = 0; i < ss.length; i++) { if (ss[i].id === id) { return ss[i].name; } }
    return '';
  }
  function clock(ms) {
    var d = new Date(ms);
    return (d.getHours() < 10 ? '0' : '') + d.getHours() + ':' + (d.getMinutes() < 10 ? '0' : '') + d.getMinutes();
  }
  function text(id, s) { var n = document.getElementById(id); if (n) { n.textContent = s; } return n; }
  function show(id, on) { var n = document.getElementById(id); if (n) { n.hidden = !on; } return n; }

  return {
    data: data, t: t, lang: function () { return lang; }, onLang: function (f) { listeners.push(f); },
    applyWords: applyWords, wait: wait, key: key, api: api, tickets: tickets, ticket: ticket, saveTicket: saveTicket,
    get: get, put: put, drop: drop, counterName: counterName, serviceName: serviceName, clock: clock,
    text: text, show: show, wakeMs: wakeMs(),
    base: '/api/v1/branches/' + encodeURIComponent(data.branch)
  };
}());
