/**
 * What memoflow does with what arrives: {@link io.memoflow.service.MemoService} accepts drafts
 * (new memoranda and new versions) and decisions; {@link io.memoflow.service.WorkLedger} hands
 * out, records and sweeps the work they cause (mails, signing);
 * {@link io.memoflow.service.DocumentService} renders and signs the PDFs. Each change of a
 * memorandum is one atomic update of the store. No Camel.
 */
package io.memoflow.service;
