"""Paper registers (信访登记簿): reading a file's header and rows, normalising each row,
and importing the rows as cases."""
