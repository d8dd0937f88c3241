/**
 * The composition root: {@link io.memoflow.app.Memoflow} assembles memoflow from its settings
 * (folders, store, workflow engine, services, renderer, keys) as plain objects. The Camel
 * configuration and the command-line tools take their parts from it; no Camel here.
 */
package io.memoflow.app;
