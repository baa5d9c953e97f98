/** Records shared by the backend and its clients: API DTOs, the event envelope, error codes, the Java client. */
package io.nowserving.shared;
