import Foundation

exit(Command.main(arguments: Array(CommandLine.arguments.dropFirst())))
