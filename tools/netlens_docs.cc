// Writes the documentation generated from tables in the code: today docs/findings.md
// from the finding catalogue. `make docs` runs it; a unit test checks the file is current.
#include <fstream>
#include <iostream>

#include "core/findings_markdown.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: netlens_docs FINDINGS_MD\n";
        return 2;
    }
    std::ofstream out(argv[1], std::ios::binary);
    out << netlens::findings_markdown();
    out.close();
    if (!out) {
        std::cerr << "netlens_docs: " << argv[1] << ": cannot write\n";
        return 1;
    }
    return 0;
}
