/**
 * Settings and time: {@link io.memoflow.config.MemoflowSettings} reads the three layers of
 * configuration (packaged defaults, the home folder's memoflow.properties, MEMOFLOW_*
 * environment variables); {@link io.memoflow.config.AdjustableClock} is the clock everything
 * reads, which tests move forward. Nothing here depends on the rest of memoflow.
 */
package io.memoflow.config;
