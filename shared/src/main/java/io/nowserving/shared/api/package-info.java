/** API records: DTOs of v1 and its error codes. */
package io.nowserving.shared.api;
