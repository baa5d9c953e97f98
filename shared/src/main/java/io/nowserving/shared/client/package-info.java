/**
 * The Java client of the NowServing HTTP API v1: {@link io.nowserving.shared.client.NowServingClient} for typed
 * calls, {@link io.nowserving.shared.client.BranchFeed} for a branch's live events with automatic, gapless
 * resume. The desktop apps and the tools use it; it depends on OkHttp and Jackson only.
 */
package io.nowserving.shared.client;
