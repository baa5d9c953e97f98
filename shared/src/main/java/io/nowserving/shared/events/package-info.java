/** The event envelope of the branch feeds and stream. */
package io.nowserving.shared.events;
