//! Checking a summary against its plan, item by item.
