/* The phone pages' service worker: only shows the ticket page's notifications (Android Chrome shows them only
   through a worker) and brings the page back when one is tapped. It has no fetch handler: it caches nothing and
   every request goes to the network as before. */
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) { e.waitUntil(self.clients.claim()); });
self.addEventListener('notificationclick', function (e) {
  var url = (e.notification.data && e.notification.data.url) || '/';
  e.notification.close();
  e.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (list) {
    for (var i = 0; i < list.length; i++) {
      if (new URL(list[i].url).pathname === url && list[i].focus) { return list[i].focus(); }
    }
    return self.clients.openWindow ? self.clients.openWindow(url) : null;
  }));
});
