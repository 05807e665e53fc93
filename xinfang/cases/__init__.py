"""A case's life: the state machine and its one act guard, what a new petition records,
petitioners' identity data, and how a petition is matched to earlier ones."""
