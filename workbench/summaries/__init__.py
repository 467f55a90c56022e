"""Assessment summaries: per supplier, its scores and reasons beside the most advantageous tender's."""
