"""汇总 (consolidation) formats: reading many sources as a stream (sources), adding them up
(accumulate) and the bureau's summary workbook (summary). The use case that runs them is
desktop.actions.consolidation."""
